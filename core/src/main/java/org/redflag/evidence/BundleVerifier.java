package org.redflag.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a bundle offline: no database, no network. Every check is reported, passed or failed, with the member
 * it concerns; the bundle holds only if every check passes.
 */
public final class BundleVerifier {

    /** Largest bundle read, and largest member. */
    public static final long MAX_BUNDLE = 512L << 20;

    public record Check(boolean ok, String member, String what) {
        @Override
        public String toString() {
            return (ok ? "✔ " : "✘ ") + member + ": " + what;
        }
    }

    public record Result(List<Check> checks) {
        public boolean holds() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
        }
    }

    /** The file is not a bundle at all (not a zip, no manifest, wrong format). */
    public static final class NotABundle extends Exception {
        public NotABundle(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BundleVerifier() {
    }

    public static Result verify(Path bundle) throws NotABundle, IOException {
        return verify(bundle, MAX_BUNDLE);
    }

    /** As {@link #verify(Path)}, with {@code maxUnpacked} bytes for all the members together. */
    static Result verify(Path bundle, long maxUnpacked) throws NotABundle, IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new NotABundle("no such file");
        }
        if (Files.size(bundle) > MAX_BUNDLE) {
            throw new NotABundle("larger than " + MAX_BUNDLE + " bytes");
        }
        Map<String, byte[]> members = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry e;
            long unpacked = 0; // all members together: a small archive can unpack to far more than memory holds
            while ((e = zip.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    byte[] member = read(zip, maxUnpacked - unpacked, maxUnpacked);
                    unpacked += member.length;
                    members.put(e.getName(), member);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NotABundle("not a readable zip: " + e.getMessage());
        }
        byte[] manifestBytes = members.get("manifest.json");
        if (manifestBytes == null) {
            throw new NotABundle(members.isEmpty() ? "not a zip archive" : "no manifest.json in the archive");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (RuntimeException e) {
            throw new NotABundle("manifest.json is not JSON: " + e.getMessage());
        }
        if (manifest == null || !Bundles.FORMAT.equals(text(manifest, "format"))) {
            throw new NotABundle("manifest.json is not a " + Bundles.FORMAT + " manifest");
        }
        return new Result(checks(members, manifestBytes, manifest));
    }

    private static List<Check> checks(Map<String, byte[]> m, byte[] manifestBytes, JsonNode manifest) {
        List<Check> out = new ArrayList<>();
        PublicKey key = null;
        try {
            key = Signer.publicKey(new String(need(m, "keys/ledger-ed25519.pub.pem"), StandardCharsets.UTF_8));
            out.add(new Check(true, "keys/ledger-ed25519.pub.pem", "Ed25519 key, fingerprint (SHA-256) "
                    + Signer.fingerprint(key)));
            String claimed = text(manifest, "ledgerKeyFingerprint");
            out.add(new Check(Signer.fingerprint(key).equals(claimed), "manifest.json",
                    "the ledger key fingerprint it names " + (Signer.fingerprint(key).equals(claimed) ? "matches"
                            : "(" + claimed + ") differs from the key's")));
        } catch (Exception e) {
            out.add(new Check(false, "keys/ledger-ed25519.pub.pem", "not a readable Ed25519 public key"));
        }
        byte[] sig = m.get("manifest.sig");
        boolean manifestSigned = false;
        try {
            manifestSigned = key != null && sig != null && Signer.verify(key, manifestBytes,
                    Base64.getDecoder().decode(new String(sig, StandardCharsets.US_ASCII).trim()));
        } catch (IllegalArgumentException e) {
            manifestSigned = false;
        }
        out.add(new Check(manifestSigned, "manifest.sig", manifestSigned
                ? "the manifest is signed by the ledger key" : "the manifest's signature does not verify"));

        TreeHead head = null;
        try {
            head = TreeHead.fromJson(new String(need(m, "tree-head.json"), StandardCharsets.UTF_8));
            boolean signed = key != null && Signer.verify(key, head.signedPayload(), head.signature());
            out.add(new Check(signed, "tree-head.json", signed ? "tree head of " + head.treeSize()
                    + " entries, root " + Hashes.hex(head.rootHash()) + ", signed at " + head.timestamp()
                    + " by the ledger key" : "the tree head's signature does not verify"));
        } catch (Exception e) {
            out.add(new Check(false, "tree-head.json", "not a readable tree head: " + e.getMessage()));
        }

        byte[] token = m.get("tree-head.tsr");
        if (head != null && token != null) {
            boolean same = java.util.Arrays.equals(token, head.timestampToken());
            X509Certificate cert = null;
            String certSource = "keys/tsa-cert.pem";
            try {
                byte[] pem = m.get("keys/tsa-cert.pem");
                cert = pem != null ? TimeStamps.certificate(new String(pem, StandardCharsets.UTF_8))
                        : embedded(token);
                certSource = pem != null ? certSource : "the certificate inside the token";
            } catch (Exception e) {
                out.add(new Check(false, "keys/tsa-cert.pem", "not a readable certificate"));
            }
            if (cert != null) {
                TimeStamps.Check c = TimeStamps.verify(token, Hashes.sha256(head.signedPayload()), cert);
                out.add(new Check(c.valid() && same, "tree-head.tsr", c.valid()
                        ? (same ? "RFC 3161 token of " + c.time() + " by " + cert.getSubjectX500Principal().getName()
                        + " (checked with " + certSource + ") stamps this tree head"
                        : "the token differs from the one in tree-head.json") : c.problem()));
            }
        } else {
            out.add(new Check(false, "tree-head.tsr", "missing"));
        }

        JsonNode items = manifest.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            out.add(new Check(false, "manifest.json", "lists no items"));
            return out;
        }
        for (JsonNode item : items) {
            String artifact = text(item, "artifact");
            String proofName = text(item, "proof");
            try {
                EvidenceRecord r = EvidenceRecord.fromJson(text(item, "record"));
                byte[] content = need(m, artifact);
                String sha = Hashes.hex(Hashes.sha256(content));
                out.add(new Check(sha.equals(r.sha256()), artifact, sha.equals(r.sha256())
                        ? "SHA-256 " + sha + " matches its record" : "SHA-256 is " + sha + ", the record says "
                        + r.sha256()));
                JsonNode proof = JSON.readTree(need(m, proofName));
                List<byte[]> path = new ArrayList<>();
                proof.get("path").forEach(p -> path.add(Hashes.unhex(p.asString())));
                long index = proof.get("leafIndex").asLong();
                boolean included = head != null && index == r.index() && proof.get("treeSize").asLong()
                        == head.treeSize() && MerkleProofs.verifyInclusion(index, head.treeSize(),
                        Hashes.leaf(r.leafData()), path, head.rootHash());
                out.add(new Check(included, proofName, included ? "entry " + index + " (" + r.custody().fileName()
                        + ", captured by " + r.custody().capturedBy() + " at " + r.capturedAt()
                        + ") is in the signed tree" : "the inclusion proof of entry " + r.index()
                        + " does not lead to the signed root"));
            } catch (Exception e) {
                out.add(new Check(false, artifact == null ? "manifest.json" : artifact, "cannot be checked: "
                        + e.getMessage()));
            }
        }
        String summary = text(manifest, "summary");
        if (summary != null) {
            byte[] pdf = m.get(summary);
            boolean ok = pdf != null && Hashes.hex(Hashes.sha256(pdf)).equals(text(manifest, "summarySha256"));
            out.add(new Check(ok, summary, ok ? "matches the SHA-256 in the manifest" : "differs from the manifest"));
        }
        return out;
    }

    private static X509Certificate embedded(byte[] token) throws Exception {
        var t = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        var holder = (org.bouncycastle.cert.X509CertificateHolder) t.getCertificates().getMatches(t.getSID())
                .iterator().next();
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
    }

    private static byte[] need(Map<String, byte[]> m, String name) throws IOException {
        byte[] b = name == null ? null : m.get(name);
        if (b == null) {
            throw new IOException((name == null ? "a member" : name) + " is missing from the bundle");
        }
        return b;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** A member's bytes, refused once they pass {@code room}, what is left of {@code max} unpacked. */
    private static byte[] read(InputStream in, long room, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > room) {
                throw new IOException("its members unpack to more than " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
