package org.redflag.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of the ledger: the SHA-256 and size of the captured bytes and their chain of custody. Its canonical
 * JSON (fixed field order, no spaces) is the Merkle leaf, so changing any field changes the leaf hash.
 */
public record EvidenceRecord(long index, String sha256, long size, Instant capturedAt, String software,
                             Custody custody) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String canonicalJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("index", index);
        n.put("sha256", sha256);
        n.put("size", size);
        n.put("capturedAt", capturedAt.toString());
        n.put("software", software);
        n.put("fileName", custody.fileName());
        n.put("mediaType", custody.mediaType());
        n.put("capturedBy", custody.capturedBy());
        n.put("sourceUrl", custody.sourceUrl());
        n.put("subject", custody.subject());
        n.put("kind", custody.kind());
        return JSON.writeValueAsString(n);
    }

    public byte[] leafData() {
        return canonicalJson().getBytes(StandardCharsets.UTF_8);
    }

    public static EvidenceRecord fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        return new EvidenceRecord(n.get("index").asLong(), n.get("sha256").asString(), n.get("size").asLong(),
                Instant.parse(n.get("capturedAt").asString()), text(n, "software"),
                new Custody(text(n, "fileName"), text(n, "mediaType"), text(n, "capturedBy"), text(n, "sourceUrl"),
                        text(n, "subject"), text(n, "kind")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
