package org.redflag.identity;

import org.redflag.source.EightBytes;

/**
 * Reads one seller line (seller.schema.json) straight from its UTF-8 bytes, for the common case: a flat object whose
 * identifier strings carry no escapes. It keeps the id, the ban and the spans of the strong identifiers; names and
 * addresses are checked for their type and skipped, since they never link. Anything it does not take for certain
 * (an escape in a kept string, a nested value, a repeated field, a wrong type, malformed JSON) answers false, and the
 * line goes to {@link SellerReader}, which reads any valid line and names the field of a bad one.
 */
final class SellerLineParser {

    /**
     * Eight bytes of a string with nothing to look at: no quote, no backslash, no control character, no byte of a
     * multi-byte character.
     */
    static boolean plain8(long x) {
        return EightBytes.ascii(x) && !EightBytes.special(x);
    }

    /** The id's span. */
    int idOff;
    int idLen;
    boolean banned;
    /** How many strong identifier values, their types and spans. */
    int count;
    IdentifierType[] types = new IdentifierType[16];
    int[] valueOff = new int[16];
    int[] valueLen = new int[16];

    private byte[] b;
    private int p;
    private int end;

    /** Fields the parser knows, as bits for repetition. */
    private static final String[] KNOWN = {"id", "banned", "identityDocument", "phones", "emails", "deviceIds",
        "paymentAccounts", "name", "addresses"};

    boolean parse(byte[] line, int off, int len) {
        b = line;
        p = off;
        end = off + len;
        count = 0;
        idLen = -1;
        banned = false;
        int seen = 0;
        ws();
        if (!take('{')) {
            return false;
        }
        ws();
        if (p < end && b[p] == '}') {
            return false; // no id: the reader says so
        }
        while (true) {
            ws();
            if (!at('"')) {
                return false;
            }
            int keyOff = ++p;
            while (p < end && b[p] != '"') {
                if (b[p] == '\\' || b[p] < 0x20) {
                    return false;
                }
                p++;
            }
            if (p >= end) {
                return false;
            }
            int keyLen = p - keyOff;
            p++;
            ws();
            if (!take(':')) {
                return false;
            }
            ws();
            int field = field(keyOff, keyLen);
            if (field >= 0) {
                if ((seen & 1 << field) != 0) {
                    return false;
                }
                seen |= 1 << field;
            }
            boolean ok = switch (field) {
                case 0 -> id();
                case 1 -> bool();
                case 2 -> nullOr() || one(IdentifierType.IDENTITY_DOCUMENT);
                case 3 -> nullOr() || many(IdentifierType.PHONE);
                case 4 -> nullOr() || many(IdentifierType.EMAIL);
                case 5 -> nullOr() || many(IdentifierType.DEVICE_ID);
                case 6 -> nullOr() || many(IdentifierType.PAYMENT_ACCOUNT);
                case 7 -> nullOr() || one(null);
                case 8 -> nullOr() || many(null);
                default -> scalar();
            };
            if (!ok) {
                return false;
            }
            ws();
            if (take(',')) {
                continue;
            }
            if (!take('}')) {
                return false;
            }
            ws();
            return p == end && idLen > 0;
        }
    }

    private int field(int off, int len) {
        if (len < 2) {
            return -1;
        }
        int f = switch (b[off]) {
            case 'i' -> len == 2 ? 0 : 2;
            case 'b' -> 1;
            case 'p' -> len == 6 ? 3 : 6;
            case 'e' -> 4;
            case 'd' -> 5;
            case 'n' -> 7;
            case 'a' -> 8;
            default -> -1;
        };
        if (f < 0 || KNOWN[f].length() != len) {
            return -1;
        }
        String k = KNOWN[f];
        for (int i = 1; i < len; i++) {
            if (b[off + i] != k.charAt(i)) {
                return -1;
            }
        }
        return f;
    }

    private void ws() {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
    }

    private boolean at(char c) {
        return p < end && b[p] == c;
    }

    private boolean take(char c) {
        if (at(c)) {
            p++;
            return true;
        }
        return false;
    }

    private boolean word(String w) {
        if (end - p < w.length()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (b[p + i] != w.charAt(i)) {
                return false;
            }
        }
        p += w.length();
        return true;
    }

    private boolean nullOr() {
        return word("null");
    }

    private boolean id() {
        int start = p + 1;
        if (!string(false)) {
            return false;
        }
        idOff = start;
        idLen = p - 1 - start;
        return true;
    }

    private boolean bool() {
        if (word("true")) {
            banned = true;
            return true;
        }
        return word("false");
    }

    /** One string: kept when {@code type} is strong, checked and skipped when null. */
    private boolean one(IdentifierType type) {
        int start = p + 1;
        if (!string(type == null)) {
            return false;
        }
        if (type != null) {
            if (count == types.length) {
                return false;
            }
            types[count] = type;
            valueOff[count] = start;
            valueLen[count] = p - 1 - start;
            count++;
        }
        return true;
    }

    private boolean many(IdentifierType type) {
        if (!take('[')) {
            return false;
        }
        ws();
        if (take(']')) {
            return true;
        }
        while (true) {
            ws();
            if (!one(type)) {
                return false;
            }
            ws();
            if (take(']')) {
                return true;
            }
            if (!take(',')) {
                return false;
            }
        }
    }

    /** A field the linker does not use: a string, number, boolean or null. */
    private boolean scalar() {
        if (at('"')) {
            return string(true);
        }
        if (word("null") || word("true") || word("false")) {
            return true;
        }
        return number();
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        take('-');
        if (take('0')) {
            // a leading zero stands alone
        } else if (!digits()) {
            return false;
        }
        if (take('.') && !digits()) {
            return false;
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            return digits();
        }
        return true;
    }

    private boolean digits() {
        int start = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p > start;
    }

    /**
     * A string at p, left after its closing quote. Escapes are taken only when {@code skipped} (the value is not
     * used); non-ASCII bytes must be well-formed UTF-8.
     */
    private boolean string(boolean skipped) {
        if (!take('"')) {
            return false;
        }
        while (p < end) {
            if (p + 8 <= end && plain8(EightBytes.at(b, p))) {
                p += 8;
                continue;
            }
            int c = b[p] & 0xff;
            if (c == '"') {
                p++;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (!skipped || !escape()) {
                    return false;
                }
            } else if (c >= 0x80) {
                if (!utf8()) {
                    return false;
                }
            } else {
                p++;
            }
        }
        return false;
    }

    private boolean escape() {
        p++;
        if (p >= end) {
            return false;
        }
        byte e = b[p++];
        if (e == 'u') {
            for (int i = 0; i < 4; i++, p++) {
                if (p >= end || Character.digit(b[p], 16) < 0) {
                    return false;
                }
            }
            return true;
        }
        return e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't';
    }

    /** One well-formed UTF-8 sequence at p (no overlongs, surrogates or code points past U+10FFFF). */
    private boolean utf8() {
        int c = b[p] & 0xff;
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            min = 0x10000;
        } else {
            return false;
        }
        if (p + n >= end) {
            return false;
        }
        int cp = c & (0x3f >> n);
        for (int i = 1; i <= n; i++) {
            int d = b[p + i] & 0xff;
            if ((d & 0xc0) != 0x80) {
                return false;
            }
            cp = cp << 6 | d & 0x3f;
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            return false;
        }
        p += n + 1;
        return true;
    }
}
