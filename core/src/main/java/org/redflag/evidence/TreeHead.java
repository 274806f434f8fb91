package org.redflag.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A signed tree head: the log's size and root at a moment, signed with the ledger's Ed25519 key, with an RFC 3161
 * token over the SHA-256 of what was signed.
 */
public record TreeHead(long treeSize, byte[] rootHash, Instant timestamp, byte[] signature, byte[] timestampToken) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The bytes signed: a fixed text form, so any verifier can rebuild them. */
    public static byte[] signedPayload(long treeSize, byte[] root, Instant timestamp) {
        return ("redflag-tree-head-v1\n" + treeSize + "\n" + Hashes.hex(root) + "\n" + timestamp + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedPayload() {
        return signedPayload(treeSize, rootHash, timestamp);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("treeSize", treeSize);
        n.put("rootHash", Hashes.hex(rootHash));
        n.put("timestamp", timestamp.toString());
        n.put("signature", Base64.getEncoder().encodeToString(signature));
        n.put("timestampToken", Base64.getEncoder().encodeToString(timestampToken));
        return JSON.writeValueAsString(n);
    }

    /** Reads a tree head; IllegalArgumentException naming the field at fault. */
    public static TreeHead fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        try {
            return new TreeHead(n.get("treeSize").asLong(), Hashes.unhex(n.get("rootHash").asString()),
                    Instant.parse(n.get("timestamp").asString()),
                    Base64.getDecoder().decode(n.get("signature").asString()),
                    Base64.getDecoder().decode(n.get("timestampToken").asString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a tree head: " + e.getMessage(), e);
        }
    }
}
