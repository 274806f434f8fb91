package org.redflag.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads one seller.schema.json line and normalises its identifiers; a bad line names its field. */
public final class SellerReader {

    /** A line that is not a seller. */
    public static final class BadLine extends Exception {
        private final String field;

        public BadLine(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final String defaultRegion;

    /** @param defaultRegion the region phones without a country prefix are read in, e.g. CN */
    public SellerReader(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    public Linker.Seller parse(String line) throws BadLine {
        JsonNode n;
        try {
            n = JsonMapper.shared().readTree(line);
        } catch (JacksonException e) {
            throw new BadLine(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadLine(null, "expected a JSON object");
        }
        JsonNode id = n.get("id");
        if (id == null || !id.isString() || id.asString().isEmpty()) {
            throw new BadLine("id", "required, a non-empty string");
        }
        JsonNode banned = n.get("banned");
        if (banned != null && !banned.isBoolean()) {
            throw new BadLine("banned", "expected true or false");
        }
        List<Linker.Identifier> ids = new ArrayList<>();
        one(n, "identityDocument", IdentifierType.IDENTITY_DOCUMENT, Normalisers::identityDocument, ids);
        one(n, "name", IdentifierType.NAME, Normalisers::name, ids);
        many(n, "phones", IdentifierType.PHONE, p -> Normalisers.phone(p, defaultRegion), ids);
        many(n, "emails", IdentifierType.EMAIL, Normalisers::email, ids);
        many(n, "deviceIds", IdentifierType.DEVICE_ID, Normalisers::deviceId, ids);
        many(n, "paymentAccounts", IdentifierType.PAYMENT_ACCOUNT, Normalisers::paymentAccount, ids);
        many(n, "addresses", IdentifierType.ADDRESS, Normalisers::address, ids);
        return new Linker.Seller(id.asString(), banned != null && banned.asBoolean(), ids);
    }

    private static void one(JsonNode n, String field, IdentifierType type,
                            Function<String, java.util.Optional<String>> norm, List<Linker.Identifier> out)
            throws BadLine {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isString()) {
            throw new BadLine(field, "expected a string");
        }
        norm.apply(v.asString()).ifPresent(x -> out.add(new Linker.Identifier(type, x)));
    }

    private static void many(JsonNode n, String field, IdentifierType type,
                             Function<String, java.util.Optional<String>> norm, List<Linker.Identifier> out)
            throws BadLine {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isArray()) {
            throw new BadLine(field, "expected an array of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                throw new BadLine(field + "[" + i + "]", "expected a string");
            }
            norm.apply(v.get(i).asString()).ifPresent(x -> out.add(new Linker.Identifier(type, x)));
        }
    }
}
