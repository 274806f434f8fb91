package org.redflag.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints for the exchange between platforms: HMAC-SHA-256 over the normalised identifier with a key the
 * partner platforms share. The same identifier typed differently gives the same fingerprint (it is normalised
 * first); without the key nobody can test a guess against it, and the raw value never leaves the platform.
 */
public final class Fingerprints {

    private final SecretKeySpec key;

    public Fingerprints(String sharedKey) {
        if (sharedKey == null || sharedKey.length() < 16) {
            throw new IllegalArgumentException("the exchange key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(sharedKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(Linker.Identifier id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((id.type().name() + "\u0000" + id.value())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
