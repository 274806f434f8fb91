package org.redflag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bundle verifies offline; altering any kind of member is caught and named. */
class BundleTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path bundle;

    @BeforeEach
    void export() throws IOException {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger"), CLOCK, "redflag test", Optional.empty())) {
            ledger.add("<html>listing 1</html>".getBytes(StandardCharsets.UTF_8),
                    new Custody("listing-1.html", "text/html", "analyst@brand.example", "https://shop.example/1",
                            "listing 1", "LISTING_SNAPSHOT"));
            ledger.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3},
                    new Custody("photo.png", "image/png", "analyst@brand.example", "https://shop.example/1.png",
                            "listing 1", "LISTING_SNAPSHOT"));
            ledger.add("{\"notice\":1}".getBytes(StandardCharsets.UTF_8),
                    new Custody("notice-1.json", "application/json", "system", null, "notice 1", "NOTICE"));
            bundle = dir.resolve("bundle.zip");
            try (OutputStream out = Files.newOutputStream(bundle)) {
                Bundles.export(ledger, List.of(0L, 1L), "Notice 1 / 通知 1", out);
            }
        }
    }

    @Test
    void a_bundle_of_no_entries_is_refused_rather_than_made_of_the_whole_ledger() {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger"), CLOCK, "redflag test", Optional.empty())) {
            assertThatThrownBy(() -> Bundles.export(ledger, List.of(), "Notice 2", new java.io.ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entries named");
        }
    }

    @Test
    void an_untouched_bundle_holds_with_every_check_passed() throws Exception {
        BundleVerifier.Result r = BundleVerifier.verify(bundle);
        assertThat(r.holds()).as(r.checks().toString()).isTrue();
        assertThat(r.checks()).extracting(BundleVerifier.Check::member).contains("manifest.sig", "tree-head.json",
                "tree-head.tsr", "artifacts/0-listing-1.html", "artifacts/1-photo.png", "proofs/0.json",
                "proofs/1.json", "summary.pdf");
        assertThat(r.checks().toString()).contains("RFC 3161 token of 2024-06-03T09:00:00Z");
    }

    @Test
    void the_summary_is_a_pdf() throws Exception {
        byte[] pdf = members(bundle).get("summary.pdf");
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(1000);
    }

    static Map<String, byte[]> members(Path zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    Path altered(String member, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> m = members(bundle);
        assertThat(m).containsKey(member);
        m.put(member, change.apply(m.get(member)));
        Path out = dir.resolve("altered.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : m.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    static UnaryOperator<byte[]> flipByte(int at) {
        return b -> {
            byte[] c = b.clone();
            int i = Math.floorMod(at, c.length);
            c[i] ^= 0x01;
            return c;
        };
    }

    static UnaryOperator<byte[]> replace(String from, String to) {
        return b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            assertThat(s).contains(from);
            return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private void caught(Path altered, String member) throws Exception {
        BundleVerifier.Result r = BundleVerifier.verify(altered);
        assertThat(r.holds()).as("an altered %s must not verify", member).isFalse();
        assertThat(r.checks()).filteredOn(c -> !c.ok()).extracting(BundleVerifier.Check::member).contains(member);
    }

    @ParameterizedTest(name = "artifact byte {0}")
    @ValueSource(ints = {0, 5, -1})
    void an_altered_artifact_is_caught(int at) throws Exception {
        caught(altered("artifacts/0-listing-1.html", flipByte(at)), "artifacts/0-listing-1.html");
        caught(altered("artifacts/1-photo.png", flipByte(at)), "artifacts/1-photo.png");
    }

    @Test
    void an_altered_manifest_is_caught() throws Exception {
        caught(altered("manifest.json", replace("analyst@brand.example", "someone@else.example")), "manifest.sig");
        caught(altered("manifest.json", replace("analyst@brand.example", "someone@else.example")), "proofs/0.json");
        caught(altered("manifest.json", replace("Notice 1", "Notice 2")), "manifest.sig");
    }

    @Test
    void an_altered_proof_is_caught() throws Exception {
        Map<String, byte[]> m = members(bundle);
        String proof = new String(m.get("proofs/0.json"), StandardCharsets.UTF_8);
        String first = proof.substring(proof.indexOf('"', proof.indexOf("path") + 8) + 1).substring(0, 64);
        String flipped = (first.charAt(0) == '0' ? "1" : "0") + first.substring(1);
        caught(altered("proofs/0.json", replace(first, flipped)), "proofs/0.json");
        caught(altered("proofs/1.json", replace("\"leafIndex\" : 1", "\"leafIndex\" : 0")), "proofs/1.json");
    }

    @Test
    void an_altered_tree_head_or_its_signature_is_caught() throws Exception {
        caught(altered("tree-head.json", replace("\"treeSize\":3", "\"treeSize\":4")), "tree-head.json");
        caught(altered("tree-head.json", replace("2024-06-03T09:00:00Z", "2024-06-02T09:00:00Z")), "tree-head.json");
        Map<String, byte[]> m = members(bundle);
        String head = new String(m.get("tree-head.json"), StandardCharsets.UTF_8);
        String sig = head.substring(head.indexOf("\"signature\":\"") + 13, head.indexOf("\"signature\":\"") + 17);
        String other = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        caught(altered("tree-head.json", replace("\"signature\":\"" + sig, "\"signature\":\"" + other)),
                "tree-head.json");
    }

    @Test
    void an_altered_manifest_signature_key_or_summary_is_caught() throws Exception {
        caught(altered("manifest.sig", b -> {
            byte[] c = b.clone();
            c[3] = (byte) (c[3] == 'A' ? 'B' : 'A');
            return c;
        }), "manifest.sig");
        caught(altered("keys/ledger-ed25519.pub.pem", b -> Signer.generate().publicPem()
                .getBytes(StandardCharsets.UTF_8)), "tree-head.json");
        caught(altered("summary.pdf", flipByte(200)), "summary.pdf");
    }

    @ParameterizedTest(name = "token byte {0}")
    @ValueSource(ints = {40, 300, -20})
    void an_altered_time_stamp_token_is_caught(int at) throws Exception {
        caught(altered("tree-head.tsr", flipByte(at)), "tree-head.tsr");
    }

    @Test
    void a_file_that_is_not_a_bundle_is_refused_as_such() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> BundleVerifier.verify(text)).isInstanceOf(BundleVerifier.NotABundle.class);
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThatThrownBy(() -> BundleVerifier.verify(zip)).isInstanceOf(BundleVerifier.NotABundle.class)
                .hasMessageContaining("manifest.json");
    }

    @Test
    void an_archive_whose_members_together_unpack_past_the_limit_is_refused_before_memory_runs_out()
            throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (int i = 0; i < 3; i++) { // 3 MiB of zeros, a few KiB packed; each member alone within the limit
                z.putNextEntry(new ZipEntry("part-" + i));
                z.write(zeros);
                z.closeEntry();
            }
        }
        assertThat(Files.size(bomb)).isLessThan(100_000);
        assertThatThrownBy(() -> BundleVerifier.verify(bomb, (3L << 20) - 1))
                .isInstanceOf(BundleVerifier.NotABundle.class)
                .hasMessageContaining("unpack to more than " + ((3L << 20) - 1) + " bytes");
        // at the limit it unpacks, and is then judged as what it is: no bundle
        assertThatThrownBy(() -> BundleVerifier.verify(bomb, 3L << 20))
                .isInstanceOf(BundleVerifier.NotABundle.class).hasMessageContaining("manifest.json");
    }

    @Test
    void consistency_between_two_signed_heads_of_one_ledger_verifies() throws IOException {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger"), CLOCK, "redflag test", Optional.empty())) {
            List<TreeHead> heads = ledger.heads();
            TreeHead first = heads.get(0);
            ledger.add("more".getBytes(StandardCharsets.UTF_8), new Custody("more.txt", "text/plain", "x", null,
                    null, "NOTE"));
            TreeHead second = ledger.signHead();
            assertThat(MerkleProofs.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(),
                    second.rootHash(), ledger.consistencyProof(first.treeSize(), second.treeSize()))).isTrue();
            assertThat(Signer.verify(ledger.signer().publicKey(), second.signedPayload(), second.signature()))
                    .isTrue();
        }
    }

    @Test
    void an_external_tsa_over_http_stamps_tree_heads(@TempDir Path other) throws Exception {
        TimeStamps.Local authority = TimeStamps.Local.generate(CLOCK, "external test");
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsa", ex -> {
            byte[] req = ex.getRequestBody().readAllBytes();
            try {
                byte[] body = authority.respond(req);
                ex.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (Exception e) {
                ex.sendResponseHeaders(500, -1);
            }
            ex.close();
        });
        server.start();
        try (Ledger ledger = Ledger.open(other, CLOCK, "redflag test", Optional.of(java.net.URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa")))) {
            ledger.add("x".getBytes(StandardCharsets.UTF_8), new Custody("x.txt", "text/plain", "x", null, null, "NOTE"));
            TreeHead head = ledger.signHead();
            TimeStamps.Check c = TimeStamps.verify(head.timestampToken(), Hashes.sha256(head.signedPayload()),
                    TimeStamps.certificate(authority.certificatePem()));
            assertThat(c.valid()).as(String.valueOf(c.problem())).isTrue();
        } finally {
            server.stop(0);
        }
    }

}
