package org.redflag.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes evidence bundles: a zip that anyone can verify offline with {@code redflag verify}.
 * <pre>
 * manifest.json          what is in the bundle; each item's record (the Merkle leaf), artifact and proof paths
 * manifest.sig           Ed25519 signature of manifest.json by the ledger key
 * tree-head.json         the signed tree head the proofs lead to
 * tree-head.tsr          its RFC 3161 time-stamp token (DER)
 * artifacts/N-name       the captured bytes
 * proofs/N.json          inclusion proof of entry N in the tree head
 * keys/ledger-ed25519.pub.pem, keys/tsa-cert.pem
 * summary.pdf            the bilingual summary for filing (its SHA-256 is in the manifest)
 * </pre>
 */
public final class Bundles {

    public static final String FORMAT = "redflag-evidence-bundle/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Bundles() {
    }

    /**
     * Exports the given entries under a fresh signed tree head. There must be at least one: a bundle is of what the
     * caller names, never of everything by default (a notice whose entries were lost must not get the ledger's).
     */
    public static TreeHead export(Ledger ledger, List<Long> items, String title, OutputStream out) {
        List<Long> indexes = new ArrayList<>(items);
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("no entries named: there is nothing to export");
        }
        TreeHead head = ledger.signHead();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("title", title);
        manifest.put("createdAt", ledger.clock().instant().toString());
        manifest.put("software", ledger.software());
        manifest.put("ledgerKey", "keys/ledger-ed25519.pub.pem");
        manifest.put("ledgerKeyFingerprint", Signer.fingerprint(ledger.signer().publicKey()));
        manifest.put("treeHead", "tree-head.json");
        manifest.put("timestampToken", "tree-head.tsr");
        manifest.put("tsaCertificate", ledger.tsaCertificatePem().isEmpty() ? null : "keys/tsa-cert.pem");
        ArrayNode list = manifest.putArray("items");
        List<String> summary = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (long i : indexes) {
                EvidenceRecord r = ledger.record(i);
                String name = "artifacts/" + i + "-" + safe(r.custody().fileName());
                put(zip, name, ledger.content(r));
                ObjectNode proof = JSON.createObjectNode();
                proof.put("leafIndex", i);
                proof.put("treeSize", head.treeSize());
                ArrayNode path = proof.putArray("path");
                ledger.inclusionProof(i, head.treeSize()).forEach(h -> path.add(Hashes.hex(h)));
                put(zip, "proofs/" + i + ".json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(proof));
                ObjectNode item = list.addObject();
                item.put("index", i);
                item.put("record", r.canonicalJson());
                item.put("artifact", name);
                item.put("proof", "proofs/" + i + ".json");
                summary.add(i + ". " + r.custody().fileName() + " (" + r.custody().mediaType() + ", " + r.size()
                        + " bytes)");
                summary.add("   SHA-256 " + r.sha256());
                summary.add("   采集人 captured by " + r.custody().capturedBy() + " · 时间 at " + r.capturedAt()
                        + (r.custody().sourceUrl() == null ? "" : " · 来源 from " + r.custody().sourceUrl()));
                if (r.custody().subject() != null) {
                    summary.add("   关于 about " + r.custody().subject());
                }
            }
            put(zip, "tree-head.json", head.toJson().getBytes(StandardCharsets.UTF_8));
            put(zip, "tree-head.tsr", head.timestampToken());
            put(zip, "keys/ledger-ed25519.pub.pem", ledger.signer().publicPem().getBytes(StandardCharsets.UTF_8));
            if (!ledger.tsaCertificatePem().isEmpty()) {
                put(zip, "keys/tsa-cert.pem", ledger.tsaCertificatePem().getBytes(StandardCharsets.UTF_8));
            }
            byte[] pdf = SummaryPdf.render(summaryLines(title, head, ledger, summary));
            put(zip, "summary.pdf", pdf);
            manifest.put("summary", "summary.pdf");
            manifest.put("summarySha256", Hashes.hex(Hashes.sha256(pdf)));
            byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            put(zip, "manifest.json", manifestBytes);
            put(zip, "manifest.sig", Base64.getEncoder().encode(ledger.signer().sign(manifestBytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle", e);
        }
        return head;
    }

    private static List<String> summaryLines(String title, TreeHead head, Ledger ledger, List<String> items) {
        List<String> l = new ArrayList<>();
        l.add("# 电子证据包摘要 Evidence bundle summary");
        l.add(title);
        l.add("");
        l.add("# 证据记录 Ledger");
        l.add("本证据包中的每一项均已按 SHA-256 存证，并记录在仅可追加的默克尔树日志中（RFC 9162）。");
        l.add("Every item is stored by its SHA-256 and recorded in an append-only Merkle-tree log (RFC 9162).");
        l.add("树大小 Tree size: " + head.treeSize());
        l.add("根哈希 Root hash: " + Hashes.hex(head.rootHash()));
        l.add("签名时间 Signed at: " + head.timestamp());
        l.add("签名密钥指纹 Ledger key (Ed25519) SHA-256: " + Signer.fingerprint(ledger.signer().publicKey()));
        l.add("时间戳 Time-stamp: RFC 3161 token in tree-head.tsr");
        l.add("");
        l.add("# 证据项目与保管链 Items and chain of custody");
        l.addAll(items);
        l.add("");
        l.add("# 如何验证 How to verify");
        l.add("无需联网、无需数据库：redflag verify 证据包.zip");
        l.add("Offline, with nothing but the redflag jar: redflag verify BUNDLE.zip");
        l.add("它重新计算每个文件的哈希与包含证明，并检查签名和时间戳。");
        l.add("It recomputes every hash and inclusion proof and checks the signatures and the time-stamp.");
        l.add("软件 Software: " + ledger.software());
        return l;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static String safe(String name) {
        String n = name == null || name.isBlank() ? "item" : name;
        return n.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
