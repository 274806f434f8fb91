package org.redflag.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree with RFC 9162 §2.1 hashing, over a {@link HashStore} of complete subtrees: appends cost
 * two hashes on average, and a root, an inclusion proof or a consistency proof for any tree size reads O(log n)
 * stored hashes.
 */
public final class MerkleLog {

    private final HashStore store;

    public MerkleLog(HashStore store) {
        this.store = store;
    }

    public long size() {
        return store.count(0);
    }

    /** Appends a leaf (its data, hashed as a leaf here) and returns its index. */
    public long append(byte[] data) {
        return appendLeafHash(Hashes.leaf(data));
    }

    public long appendLeafHash(byte[] leafHash) {
        long index = store.count(0);
        store.append(0, leafHash);
        long n = index + 1;
        int level = 1;
        while (n % (1L << level) == 0) {
            long j = n / (1L << level) - 1;
            store.append(level, Hashes.node(store.get(level - 1, 2 * j), store.get(level - 1, 2 * j + 1)));
            level++;
        }
        return index;
    }

    public byte[] leafHash(long index) {
        return store.get(0, index);
    }

    /** MTH of the first {@code size} leaves. */
    public byte[] root(long size) {
        check(size);
        return size == 0 ? Hashes.empty() : hash(0, size);
    }

    /** RFC 9162 §2.1.3.1: PATH(m, D[n]). */
    public List<byte[]> inclusionProof(long index, long size) {
        check(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> out = new ArrayList<>();
        path(index, 0, size, out);
        return out;
    }

    /** RFC 9162 §2.1.4.1: PROOF(m, D[n]). */
    public List<byte[]> consistencyProof(long first, long second) {
        check(second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("a tree of " + first + " is not a prefix of one of " + second);
        }
        List<byte[]> out = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, out);
        }
        return out;
    }

    public void flush() {
        store.flush();
    }

    private void check(long size) {
        if (size < 0 || size > size()) {
            throw new IllegalArgumentException("the log has " + size() + " leaves, not " + size);
        }
    }

    /** MTH(D[lo:hi]); complete aligned subtrees come from the store. */
    private byte[] hash(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return store.get(level, lo >>> level);
        }
        long k = Long.highestOneBit(n - 1);
        return Hashes.node(hash(lo, lo + k), hash(lo + k, hi));
    }

    private void path(long m, long lo, long hi, List<byte[]> out) {
        long n = hi - lo;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(hash(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(hash(lo, lo + k));
        }
    }

    private void subproof(long m, long lo, long hi, boolean whole, List<byte[]> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(hash(lo, hi));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, lo, lo + k, whole, out);
            out.add(hash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(hash(lo, lo + k));
        }
    }
}
