package org.redflag.identity;

/**
 * The {@link Normalisers} for strong identifiers, on bytes, for values in printable ASCII (how nearly every identifier
 * arrives): the same canonical form without building strings or running regular expressions. Anything else (a
 * full-width digit, a control character, a phone in national form) answers {@link #SLOW} and goes to
 * {@link Normalisers}; {@code AsciiIdentifiersTests} checks the two agree on random values.
 */
final class AsciiIdentifiers {

    /** The value is no identifier of its kind (the normaliser's empty answer). */
    static final int NONE = -1;
    /** The value needs {@link Normalisers}. */
    static final int SLOW = -2;

    private static final byte[] CN_RIC = "CN-RIC:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] GMAIL = "gmail.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] GOOGLEMAIL = "googlemail.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Characters dropped from device ids and from payment accounts, by ASCII code. */
    private static final boolean[] DEVICE_DROPS = drops(" {}()-:");
    private static final boolean[] PAYMENT_DROPS = drops(" -");

    private static boolean[] drops(String chars) {
        boolean[] d = new boolean[128];
        chars.chars().forEach(c -> d[c] = true);
        return d;
    }

    private AsciiIdentifiers() {
    }

    /**
     * The canonical form of {@code src[off, off + len)} written to {@code dst}: its length, {@link #NONE} or
     * {@link #SLOW}; phones without a prefix are read in {@code phoneRegion}.
     */
    static int normalise(IdentifierType type, byte[] src, int off, int len, byte[] dst, String phoneRegion) {
        for (int i = off; i < off + len; i++) {
            if (src[i] < 0x20 || src[i] > 0x7e) {
                return SLOW;
            }
        }
        if (len + CN_RIC.length > dst.length) {
            return SLOW;
        }
        return switch (type) {
            case PHONE -> phone(src, off, len, dst, phoneRegion);
            case EMAIL -> email(src, off, len, dst);
            case IDENTITY_DOCUMENT -> identityDocument(src, off, len, dst);
            case DEVICE_ID -> keep(src, off, len, dst, DEVICE_DROPS, 6);
            case PAYMENT_ACCOUNT -> keep(src, off, len, dst, PAYMENT_DROPS, 6);
            case ADDRESS, NAME -> SLOW;
        };
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }

    private static int phone(byte[] src, int off, int len, byte[] dst, String region) {
        boolean blank = true;
        for (int i = off; i < off + len && blank; i++) {
            blank = src[i] == ' ';
        }
        return blank ? NONE : PhoneFastPath.e164(src, off, len, dst, region);
    }

    /** Lower case without the characters in {@code drop}; shorter than {@code min}: none. */
    private static int keep(byte[] src, int off, int len, byte[] dst, boolean[] drop, int min) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            byte c = src[i];
            if (!drop[c]) {
                dst[n++] = lower(c);
            }
        }
        return n < min ? NONE : n;
    }

    private static int identityDocument(byte[] src, int off, int len, byte[] dst) {
        int n = CN_RIC.length; // written after the prefix, moved down unless it is a PRC resident identity number
        boolean digits17 = true;
        for (int i = off; i < off + len; i++) {
            byte c = src[i];
            if (c == ' ' || c == '-' || c == '_' || c == '.' || c == '/') {
                continue;
            }
            byte u = c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
            if (n - CN_RIC.length < 17 && (u < '0' || u > '9')) {
                digits17 = false;
            }
            dst[n++] = u;
        }
        int length = n - CN_RIC.length;
        if (length < 5) {
            return NONE;
        }
        if (length == 18 && digits17) {
            int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (dst[CN_RIC.length + i] - '0') * weights[i];
            }
            if ("10X98765432".charAt(sum % 11) != dst[CN_RIC.length + 17]) {
                return NONE;
            }
            System.arraycopy(CN_RIC, 0, dst, 0, CN_RIC.length);
            return n;
        }
        System.arraycopy(dst, CN_RIC.length, dst, 0, length);
        return length;
    }

    private static int email(byte[] src, int off, int len, byte[] dst) {
        int n = 0;
        int at = -1;
        for (int i = off; i < off + len; i++) {
            byte c = src[i];
            if (c != ' ') {
                if (c == '@') {
                    at = n;
                }
                dst[n++] = lower(c);
            }
        }
        if (at <= 0 || at == n - 1) {
            return NONE;
        }
        int domain = at + 1;
        int domainLength = n - domain;
        boolean gmail = equals(dst, domain, domainLength, GMAIL);
        if (!gmail && equals(dst, domain, domainLength, GOOGLEMAIL)) {
            System.arraycopy(GMAIL, 0, dst, domain, GMAIL.length);
            domainLength = GMAIL.length;
            gmail = true;
        }
        int local = at;
        for (int i = 0; i < at; i++) {
            if (dst[i] == '+') {
                local = i == 0 ? at : i; // a plus first is kept, as in Normalisers.email
                break;
            }
        }
        int m = 0;
        for (int i = 0; i < local; i++) {
            if (!gmail || dst[i] != '.') {
                dst[m++] = dst[i];
            }
        }
        if (m == 0) {
            return NONE;
        }
        dst[m++] = '@';
        System.arraycopy(dst, domain, dst, m, domainLength);
        return m + domainLength;
    }

    private static boolean equals(byte[] b, int off, int len, byte[] word) {
        if (len != word.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
