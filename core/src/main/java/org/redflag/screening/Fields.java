package org.redflag.screening;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A flag's evidence, or a part of it: a few named values in the order they were added, as a read-only map (a flag
 * carries the same fields in the same order every time, and its JSON shows them so). Made for the screening of a
 * feed, where a listing in four has one: two arrays instead of a hash table with an entry object a field, and the
 * {@link ResultWriter} reads them without an iterator.
 */
final class Fields extends AbstractMap<String, Object> {

    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;

    /** Adds a field, or replaces the value of a field already there (keeping its place); returns this. */
    Fields with(String key, Object value) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                values[i] = value;
                return this;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return this;
    }

    String key(int i) {
        return keys[i];
    }

    Object value(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
