package org.redflag.identity;

/**
 * The kinds of identifier a seller registers with. Strong ones link accounts by themselves; weak ones (a name, an
 * address) never do: namesakes and shared buildings are common.
 */
public enum IdentifierType {
    IDENTITY_DOCUMENT("identityDocument", "identityDocument", true),
    PAYMENT_ACCOUNT("paymentAccount", "paymentAccounts", true),
    DEVICE_ID("deviceId", "deviceIds", true),
    PHONE("phone", "phones", true),
    EMAIL("email", "emails", true),
    ADDRESS("address", "addresses", false),
    NAME("name", "name", false);

    private final String key;
    private final String field;
    private final boolean strong;

    IdentifierType(String key, String field, boolean strong) {
        this.key = key;
        this.field = field;
        this.strong = strong;
    }

    /** The field of a seller line that holds it (seller.schema.json). */
    public String field() {
        return field;
    }

    /** The name in link results (link-result.schema.json). */
    public String key() {
        return key;
    }

    public boolean strong() {
        return strong;
    }
}
