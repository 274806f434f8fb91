package org.redflag.evidence;

/**
 * Where a Merkle log keeps the hashes of its complete subtrees: level 0 holds the leaf hashes, level L the hash of
 * each aligned block of 2^L leaves once it is complete. These never change, so each level only grows.
 */
public interface HashStore extends AutoCloseable {

    /** Number of hashes at a level. */
    long count(int level);

    byte[] get(int level, long index);

    /** Appends the next hash at a level. */
    void append(int level, byte[] hash);

    /** Makes what was appended durable. */
    void flush();

    @Override
    void close();
}
