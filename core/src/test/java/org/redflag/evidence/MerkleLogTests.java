package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Merkle log against RFC 9162's definitions: the RFC 6962/9162 test-vector roots, a direct recursive
 * implementation of MTH, PATH and PROOF on random trees (seeded), and the verifiers on good and altered proofs.
 */
class MerkleLogTests {

    /** The leaves of the CT test vectors (RFC 6962 reference implementation's test data). */
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    @Test
    void roots_match_the_rfc_test_vectors() {
        MerkleLog log = new MerkleLog(new MemoryHashStore());
        assertThat(Hashes.hex(log.root(0))).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < LEAVES.length; i++) {
            log.append(Hashes.unhex(LEAVES[i]));
            assertThat(Hashes.hex(log.root(i + 1))).as("root of %d leaves", i + 1).isEqualTo(ROOTS[i]);
        }
        for (int n = 1; n <= LEAVES.length; n++) {
            assertThat(Hashes.hex(log.root(n))).as("historic root of %d", n).isEqualTo(ROOTS[n - 1]);
        }
    }

    // --- a direct transcription of RFC 9162 §2.1, used as the reference ---

    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return Hashes.empty();
        }
        if (d.size() == 1) {
            return Hashes.leaf(d.get(0));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return Hashes.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(d.size() - 1);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static LongStream seeds() {
        long base = Long.getLong("redflag.seed", 1L);
        return LongStream.range(base, base + 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roots_and_proofs_equal_the_rfc_definitions_and_verify(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(seed % 10 == 0 ? 300 : 70);
        List<byte[]> leaves = new ArrayList<>();
        MerkleLog log = new MerkleLog(new MemoryHashStore());
        for (int i = 0; i < n; i++) {
            byte[] leaf = new byte[r.nextInt(40)];
            r.nextBytes(leaf);
            leaves.add(leaf);
            log.append(leaf);
        }
        for (int size = 1; size <= n; size++) {
            List<byte[]> prefix = leaves.subList(0, size);
            byte[] root = log.root(size);
            assertThat(root).as("seed %d size %d", seed, size).isEqualTo(mth(prefix));
            int m = r.nextInt(size);
            List<byte[]> proof = log.inclusionProof(m, size);
            assertThat(proof).as("seed %d PATH(%d, %d)", seed, m, size).containsExactlyElementsOf(path(m, prefix));
            assertThat(MerkleProofs.verifyInclusion(m, size, log.leafHash(m), proof, root)).isTrue();
            int first = 1 + r.nextInt(size);
            List<byte[]> cons = log.consistencyProof(first, size);
            assertThat(cons).as("seed %d PROOF(%d, %d)", seed, first, size)
                    .containsExactlyElementsOf(first == size ? List.of() : subproof(first, prefix, true));
            assertThat(MerkleProofs.verifyConsistency(first, size, log.root(first), root, cons))
                    .as("seed %d consistency %d..%d", seed, first, size).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void altered_proofs_leaves_and_roots_fail_to_verify(long seed) {
        Random r = new Random(seed);
        MerkleLog log = new MerkleLog(new MemoryHashStore());
        int n = 2 + r.nextInt(100);
        for (int i = 0; i < n; i++) {
            log.append(new byte[] {(byte) i, (byte) (i >> 8)});
        }
        int size = 2 + r.nextInt(n - 1);
        int m = r.nextInt(size);
        byte[] root = log.root(size);
        List<byte[]> proof = new ArrayList<>(log.inclusionProof(m, size));
        byte[] leaf = log.leafHash(m);
        byte[] bad = leaf.clone();
        bad[r.nextInt(32)] ^= 1;
        assertThat(MerkleProofs.verifyInclusion(m, size, bad, proof, root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(m, size, leaf, proof, bad)).isFalse();
        assertThat(MerkleProofs.verifyInclusion((m + 1) % size, size, leaf, proof, root)).isFalse();
        if (!proof.isEmpty()) {
            int i = r.nextInt(proof.size());
            byte[] p = proof.get(i).clone();
            p[0] ^= (byte) 0x80;
            proof.set(i, p);
            assertThat(MerkleProofs.verifyInclusion(m, size, leaf, proof, root)).isFalse();
        }
        int first = 1 + r.nextInt(size - 1);
        List<byte[]> cons = new ArrayList<>(log.consistencyProof(first, size));
        assertThat(MerkleProofs.verifyConsistency(first, size, bad, root, cons)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(first, size, log.root(first), bad, cons)).isFalse();
        if (!cons.isEmpty()) {
            cons.remove(cons.size() - 1);
            assertThat(MerkleProofs.verifyConsistency(first, size, log.root(first), root, cons)).isFalse();
        }
    }

    @Test
    void a_file_store_gives_the_same_tree_after_reopening(@TempDir Path dir) {
        MerkleLog memory = new MerkleLog(new MemoryHashStore());
        try (FileHashStore store = new FileHashStore(dir)) {
            MerkleLog log = new MerkleLog(store);
            for (int i = 0; i < 5000; i++) {
                byte[] d = ("entry " + i).getBytes();
                log.append(d);
                memory.append(d);
            }
            assertThat(log.root(5000)).isEqualTo(memory.root(5000));
        }
        try (FileHashStore store = new FileHashStore(dir)) {
            MerkleLog reopened = new MerkleLog(store);
            assertThat(reopened.size()).isEqualTo(5000);
            assertThat(reopened.root(3333)).isEqualTo(memory.root(3333));
            reopened.append("entry 5000".getBytes());
            memory.append("entry 5000".getBytes());
            assertThat(reopened.root(5001)).isEqualTo(memory.root(5001));
            assertThat(reopened.inclusionProof(17, 5001)).containsExactlyElementsOf(memory.inclusionProof(17, 5001));
        }
    }
}
