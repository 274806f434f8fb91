package org.redflag.identity;

/**
 * The kinds of identifier a seller registers with. Strong ones link accounts by themselves; weak ones (a name, an
 * address) never do: namesakes and shared buildings are common.
 */
public enum IdentifierType {
    IDENTITY_DOCUMENT("identityDocument", true),
    PAYMENT_ACCOUNT("paymentAccount", true),
    DEVICE_ID("deviceId", true),
    PHONE("phone", true),
    EMAIL("email", true),
    ADDRESS("address", false),
    NAME("name", false);

    private final String key;
    private final boolean strong;

    IdentifierType(String key, boolean strong) {
        this.key = key;
        this.strong = strong;
    }

    /** The name in link results (link-result.schema.json). */
    public String key() {
        return key;
    }

    public boolean strong() {
        return strong;
    }
}
