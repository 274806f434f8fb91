package org.redflag.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Identifiers to one canonical form each, so the same phone, e-mail or document typed differently is the same value.
 * Each returns empty for a value that cannot be an identifier of its kind (too short, not a number).
 */
public final class Normalisers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Providers that ignore dots in the local part and everything after a plus. */
    private static final Set<String> DOTLESS = Set.of("gmail.com", "googlemail.com");

    private Normalisers() {
    }

    /** NFKC (full-width to half-width), lower case, trimmed. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
    }

    /**
     * Phones to E.164 with libphonenumber: "+86 138-0013-8000", "0086 13800138000", "１３８００１３８０００" (read in
     * {@code defaultRegion} when it has no country prefix), "(202) 555-0143" in region US. Invalid numbers: empty.
     */
    public static Optional<String> phone(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
        String fast = PhoneFastPath.e164(s, defaultRegion);
        if (fast != null) {
            return Optional.of(fast);
        }
        return Optional.ofNullable(phoneByLibrary(s, defaultRegion));
    }

    /** Whether phones without a country prefix can be read in this region (a two-letter code libphonenumber knows). */
    public static boolean phoneRegion(String region) {
        return region != null && PHONES.getSupportedRegions().contains(region);
    }

    /** libphonenumber's reading of a phone already width-folded and trimmed; null when it is no possible number. */
    static String phoneByLibrary(String s, String defaultRegion) {
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(s, defaultRegion);
            return PHONES.isPossibleNumber(n) ? PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * E-mails: case and spaces folded, "+tag" dropped from the local part, and for Gmail the dots in the local part
     * (j.smith+shop@Gmail.com = jsmith@gmail.com); googlemail.com is gmail.com.
     */
    public static Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replace(" ", "");
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (DOTLESS.contains(domain)) {
            local = local.replace(".", "");
        }
        return local.isEmpty() ? Optional.empty() : Optional.of(local + "@" + domain);
    }

    /**
     * Identity documents: width, spaces, dashes and case folded. A PRC resident identity number (18 characters) must
     * carry a valid check digit (GB 11643, ISO 7064 MOD 11-2): a mistyped one is no identifier rather than a false
     * link.
     */
    public static Optional<String> identityDocument(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replaceAll("[\\s\\-_./]", "").toUpperCase(Locale.ROOT);
        if (s.length() < 5) {
            return Optional.empty();
        }
        if (s.length() == 18 && s.substring(0, 17).chars().allMatch(Character::isDigit)) {
            return prcCheckDigit(s.substring(0, 17)) == s.charAt(17) ? Optional.of("CN-RIC:" + s) : Optional.empty();
        }
        return Optional.of(s);
    }

    /** GB 11643-1999 check character of the first 17 digits. */
    public static char prcCheckDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String codes = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return codes.charAt(sum % 11);
    }

    /** Device ids: case, braces, dashes, colons and spaces folded ("{A1B2-…}" = "a1b2…"). */
    public static Optional<String> deviceId(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replaceAll("[\\s{}()\\-:]", "");
        return s.length() < 6 ? Optional.empty() : Optional.of(s);
    }

    /** Payment accounts: spaces and dashes removed, case folded ("6222 0212-3456 7890" = "6222021234567890"). */
    public static Optional<String> paymentAccount(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replaceAll("[\\s\\-]", "");
        return s.length() < 6 ? Optional.empty() : Optional.of(s);
    }

    /** Addresses: width and case folded, punctuation dropped, spaces collapsed. Weak: never links by itself. */
    public static Optional<String> address(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replaceAll("[\\p{Punct}，。、；：（）#]", " ").replaceAll("\\s+", " ").trim();
        return s.length() < 4 ? Optional.empty() : Optional.of(s);
    }

    /** Names: width and case folded, spaces collapsed. Weak: never links by itself. */
    public static Optional<String> name(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = fold(raw).replaceAll("\\s+", " ");
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The normaliser of {@code type}; phones without a country prefix are read in {@code phoneRegion}. */
    public static Optional<String> normalise(IdentifierType type, String raw, String phoneRegion) {
        return switch (type) {
            case PHONE -> phone(raw, phoneRegion);
            case EMAIL -> email(raw);
            case IDENTITY_DOCUMENT -> identityDocument(raw);
            case DEVICE_ID -> deviceId(raw);
            case PAYMENT_ACCOUNT -> paymentAccount(raw);
            case ADDRESS -> address(raw);
            case NAME -> name(raw);
        };
    }

    /** Shows the first two and last two characters of a value and masks the rest. */
    public static String mask(String value) {
        if (value.length() <= 4) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 2) + "*".repeat(value.length() - 4) + value.substring(value.length() - 2);
    }
}
