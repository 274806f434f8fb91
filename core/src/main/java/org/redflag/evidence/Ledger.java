package org.redflag.evidence;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evidence ledger in a directory: captured bytes stored by SHA-256 under {@code objects/} (see
 * {@link ObjectStore}), one canonical record
 * per entry in {@code entries.jsonl} (the Merkle leaves, in order), the tree in {@code tree/}, signed tree heads in
 * {@code heads.jsonl}, and the keys in {@code keys/}: the ledger's Ed25519 key and the local TSA's key and
 * certificate, made on first use. Appends are serialised; one process at a time has a ledger open (a lock on
 * {@code DIR/lock}, released when it closes or the process ends: another opening is refused). Appends
 * are written at once and forced to disk when a tree head is signed and when the ledger is closed.
 */
public final class Ledger implements AutoCloseable {

    private final Path dir;
    private final Clock clock;
    private final String software;
    private final Signer signer;
    private final TimeStamps.Authority tsa;
    private final String tsaCertificatePem;
    private final FileHashStore store;
    private final ObjectStore objects;
    private final MerkleLog log;
    private final List<EvidenceRecord> records = new ArrayList<>();
    private final BufferedWriter entries;
    private final java.nio.channels.FileChannel lockFile;
    private final java.nio.channels.FileLock lock;
    private boolean recovered;

    /** The ledger is open in another process, or already open in this one. */
    public static final class InUse extends IllegalStateException {
        InUse(Path dir) {
            super("the ledger in " + dir + " is open in another process (a server, or another 'redflag evidence'"
                    + " command); one process at a time writes a ledger: wait for it to finish, or stop it");
        }
    }

    private Ledger(Path dir, Clock clock, String software, Optional<java.net.URI> tsaUrl,
                   java.nio.channels.FileChannel lockFile, java.nio.channels.FileLock lock) throws IOException,
            GeneralSecurityException {
        this.dir = dir;
        this.clock = clock;
        this.software = software;
        this.lockFile = lockFile;
        this.lock = lock;
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path priv = keys.resolve("ledger-ed25519.key");
        Path pub = keys.resolve("ledger-ed25519.pub.pem");
        if (!Files.exists(priv)) {
            Signer s = Signer.generate();
            Files.writeString(priv, s.privatePem());
            Files.writeString(pub, s.publicPem());
        }
        this.signer = Signer.fromPem(Files.readString(priv), Files.readString(pub));
        Path tsaKey = keys.resolve("tsa.key");
        Path tsaCert = keys.resolve("tsa-cert.pem");
        if (!Files.exists(tsaKey)) {
            TimeStamps.Local local = TimeStamps.Local.generate(clock, "Redflag ledger " + Signer
                    .fingerprint(signer.publicKey()).substring(0, 16));
            Files.writeString(tsaKey, local.keyPem());
            Files.writeString(tsaCert, local.certificatePem());
        }
        TimeStamps.Local local = TimeStamps.Local.fromPem(Files.readString(tsaKey), Files.readString(tsaCert), clock);
        this.tsa = tsaUrl.<TimeStamps.Authority>map(TimeStamps.External::new).orElse(local);
        this.tsaCertificatePem = tsaUrl.isPresent() ? "" : local.certificatePem();
        Path entriesFile = dir.resolve("entries.jsonl");
        readEntries(entriesFile);
        FileHashStore tree = new FileHashStore(dir.resolve("tree"));
        if (tree.count(0) > records.size()) {
            throw new IllegalStateException("the ledger in " + dir + " is inconsistent: " + records.size()
                    + " entries but " + tree.count(0) + " leaves; entries.jsonl has lost its end (restore it from"
                    + " a copy)");
        }
        if (tree.count(0) < records.size() || !whole(tree)) {
            // a stop between an entry's write and the tree's (the tree is buffered until a head is signed or the
            // ledger closed): the tree is made of the entries alone, so it is built again from them
            tree.close();
            try (var old = Files.list(dir.resolve("tree"))) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            tree = new FileHashStore(dir.resolve("tree"));
            MerkleLog rebuilt = new MerkleLog(tree);
            for (EvidenceRecord r : records) {
                rebuilt.append(r.leafData());
            }
            tree.flush();
            recovered = true;
        }
        this.store = tree;
        this.log = new MerkleLog(store);
        this.objects = new ObjectStore(dir.resolve("objects"));
        recovered |= objects.repaired();
        try {
            this.entries = Files.newBufferedWriter(entriesFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            objects.close();
            throw e;
        }
    }

    /**
     * Reads the entries. An entry cut short by a stop in the middle of its write (the last line, without its line
     * end, not readable) is dropped and the file cut back to the entries before it: its content, stored by hash,
     * stays as an object no entry names.
     */
    private void readEntries(Path entriesFile) throws IOException {
        if (!Files.exists(entriesFile)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(entriesFile);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    records.add(EvidenceRecord.fromJson(line));
                } catch (RuntimeException e) {
                    if (i < bytes.length) { // a whole line that does not read: not a torn write, not ours to drop
                        throw new IllegalStateException("the ledger's entries.jsonl has an unreadable entry at"
                                + " line " + (records.size() + 1) + ": " + e.getMessage(), e);
                    }
                    try (var ch = java.nio.channels.FileChannel.open(entriesFile, StandardOpenOption.WRITE)) {
                        ch.truncate(start);
                    }
                    recovered = true;
                }
            }
            start = i + 1;
        }
    }

    /** Whether each level above the leaves holds the nodes its leaves make: a stop can flush one and not another. */
    private static boolean whole(FileHashStore tree) {
        long leaves = tree.count(0);
        for (int level = 1; level < 63; level++) {
            if (tree.count(level) != leaves >> level) {
                return false;
            }
            if (leaves >> level == 0) {
                return true;
            }
        }
        return true;
    }

    /** Whether opening repaired what a stop left: a torn last entry dropped, or the tree built again. */
    public boolean recovered() {
        return recovered;
    }

    /** Opens (or creates) the ledger in {@code dir}; time-stamps from the local TSA unless a TSA URL is given. */
    public static Ledger open(Path dir, Clock clock, String software, Optional<java.net.URI> tsaUrl) {
        java.nio.channels.FileChannel lockFile = null;
        java.nio.channels.FileLock lock = null;
        try {
            Files.createDirectories(dir);
            lockFile = java.nio.channels.FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // this process has it open already
            }
            if (lock == null) {
                throw new InUse(dir);
            }
            return new Ledger(dir, clock, software, tsaUrl, lockFile, lock);
        } catch (RuntimeException e) {
            release(lock, lockFile);
            throw e;
        } catch (IOException e) {
            release(lock, lockFile);
            throw new UncheckedIOException("cannot open the ledger in " + dir, e);
        } catch (GeneralSecurityException e) {
            release(lock, lockFile);
            throw new IllegalStateException("the ledger's keys in " + dir.resolve("keys") + " cannot be read", e);
        }
    }

    private static void release(java.nio.channels.FileLock lock, java.nio.channels.FileChannel lockFile) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (IOException e) {
            // the process ending releases it as well
        }
    }

    /** Stores the bytes and appends their record; returns the record. */
    public synchronized EvidenceRecord add(byte[] content, Custody custody) {
        String sha = Hashes.hex(Hashes.sha256(content));
        try {
            objects.put(sha, content);
            EvidenceRecord r = new EvidenceRecord(log.size(), sha, content.length, clock.instant(), software, custody);
            entries.write(r.canonicalJson());
            entries.write('\n');
            entries.flush();
            log.append(r.leafData());
            records.add(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store evidence in " + dir, e);
        }
    }

    /** Signs and time-stamps a tree head for the current size, and keeps it in {@code heads.jsonl}. */
    public synchronized TreeHead signHead() {
        objects.force();
        log.flush();
        long size = log.size();
        byte[] root = log.root(size);
        java.time.Instant at = clock.instant();
        byte[] payload = TreeHead.signedPayload(size, root, at);
        TreeHead head = new TreeHead(size, root, at, signer.sign(payload), tsa.stamp(Hashes.sha256(payload)));
        try {
            Files.writeString(dir.resolve("heads.jsonl"), head.toJson() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return head;
    }

    /** The signed tree heads, oldest first. */
    public synchronized List<TreeHead> heads() {
        try {
            Path f = dir.resolve("heads.jsonl");
            if (!Files.exists(f)) {
                return List.of();
            }
            return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(TreeHead::fromJson).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long size() {
        return log.size();
    }

    public synchronized EvidenceRecord record(long index) {
        if (index < 0 || index >= records.size()) {
            throw new IllegalArgumentException("no entry " + index + "; the ledger has " + records.size());
        }
        return records.get((int) index);
    }

    public synchronized List<EvidenceRecord> records() {
        return List.copyOf(records);
    }

    public byte[] content(EvidenceRecord r) {
        try {
            return objects.get(r.sha256(), r.size());
        } catch (IOException e) {
            throw new UncheckedIOException("the content of entry " + r.index() + " is missing from " + dir, e);
        }
    }

    public synchronized List<byte[]> inclusionProof(long index, long size) {
        return log.inclusionProof(index, size);
    }

    public synchronized List<byte[]> consistencyProof(long first, long second) {
        return log.consistencyProof(first, second);
    }

    public synchronized byte[] root(long size) {
        return log.root(size);
    }

    public Signer signer() {
        return signer;
    }

    public String tsaCertificatePem() {
        return tsaCertificatePem;
    }

    public String software() {
        return software;
    }

    public Clock clock() {
        return clock;
    }

    /** What {@link #copyTo} copied: entries, signed tree heads, and stored contents (one per distinct hash). */
    public record Copied(long entries, long heads, long objects) {
    }

    /**
     * Writes a copy of the ledger as it stands into {@code zip}, each file under {@code prefix}: the keys, the
     * entries and the signed tree heads written up to this moment, and the content each of those entries names.
     * Appends may go on while the copy is written, since the lengths of the two files are taken together first
     * and the contents are never changed once stored: the copy is the ledger at that moment. The tree is left out:
     * opening the copy builds it again from the entries.
     */
    public Copied copyTo(java.util.zip.ZipOutputStream zip, String prefix) throws IOException {
        long entriesLength;
        long headsLength;
        int count;
        synchronized (this) {
            entries.flush();
            count = records.size();
            entriesLength = lengthOf(dir.resolve("entries.jsonl"));
            headsLength = lengthOf(dir.resolve("heads.jsonl"));
        }
        try (var keys = Files.list(dir.resolve("keys"))) {
            for (Path key : keys.sorted().toList()) {
                copy(zip, prefix + "keys/" + key.getFileName(), key, Files.size(key));
            }
        }
        copy(zip, prefix + "entries.jsonl", dir.resolve("entries.jsonl"), entriesLength);
        long heads = 0;
        if (headsLength > 0) {
            copy(zip, prefix + "heads.jsonl", dir.resolve("heads.jsonl"), headsLength);
            try (var in = Files.newInputStream(dir.resolve("heads.jsonl"))) {
                byte[] bytes = in.readNBytes((int) Math.min(headsLength, Integer.MAX_VALUE));
                for (byte b : bytes) {
                    heads += b == '\n' ? 1 : 0;
                }
            }
        }
        java.util.Set<String> copied = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            String sha = record(i).sha256();
            if (copied.add(sha)) {
                // each content a file of its own, as the ledger stored them before the pack: a backup reads the
                // same whichever way the ledger it was taken from stores them
                String name = prefix + "objects/" + sha.substring(0, 2) + "/" + sha.substring(2);
                if (objects.packed(sha)) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    zip.write(objects.get(sha, record(i).size()));
                    zip.closeEntry();
                } else {
                    Path object = objects.loose(sha);
                    copy(zip, name, object, Files.size(object));
                }
            }
        }
        return new Copied(count, heads, copied.size());
    }

    private static long lengthOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Puts the first {@code length} bytes of {@code file} into {@code zip} as {@code name}. */
    private static void copy(java.util.zip.ZipOutputStream zip, String name, Path file, long length)
            throws IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        if (length > 0) {
            try (var in = Files.newInputStream(file)) {
                long left = length;
                byte[] buffer = new byte[1 << 16];
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(file + " is shorter than the " + length + " bytes it had");
                    }
                    zip.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
        zip.closeEntry();
    }

    /**
     * Checks every signed tree head against the tree as the entries make it: its size within the ledger, its root
     * the tree's root at that size, its signature the ledger key's. Returns what does not hold (empty: every head
     * holds), for a ledger restored from a copy or moved between machines.
     */
    public synchronized List<String> checkHeads() {
        List<String> problems = new ArrayList<>();
        List<TreeHead> all = heads();
        for (int i = 0; i < all.size(); i++) {
            TreeHead h = all.get(i);
            String which = "signed head " + (i + 1) + " (size " + h.treeSize() + ")";
            if (h.treeSize() > log.size()) {
                problems.add(which + ": the ledger has only " + log.size() + " entries");
            } else if (!java.util.Arrays.equals(log.root(h.treeSize()), h.rootHash())) {
                problems.add(which + ": its root is not the root of the entries");
            } else if (!Signer.verify(signer.publicKey(), h.signedPayload(), h.signature())) {
                problems.add(which + ": its signature is not the ledger key's");
            }
        }
        return problems;
    }

    /**
     * What a process's death does to an open ledger, for tests of recovery: the lock goes, and nothing buffered is
     * written.
     */
    void dropLockAsIfKilled() {
        release(lock, lockFile);
    }

    @Override
    public synchronized void close() {
        try {
            entries.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                objects.close();
            } finally {
                store.close();
                release(lock, lockFile);
            }
        }
    }
}
