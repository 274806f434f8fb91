package org.redflag.identity;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The E.164 form of a phone already written in international form ("+86 138 0013 8000", "0086-138-0013-8000")
 * without calling libphonenumber's parser, which costs about 5 µs a number; anything else is left to the library.
 *
 * <p>It follows the library's own steps for such a number, on the library's metadata: the country calling code is
 * the shortest prefix of one to three digits that is an assigned code; the national number keeps its digits when
 * the region's national-prefix-for-parsing pattern does not match at its start (when it does, the library may strip
 * a prefix, so the number goes to the library); the number is possible when its length is one of the region's
 * possible lengths. A national number starting with 0, a non-geographic code, a length the region only knows
 * locally, any letter or other punctuation: the library decides. {@code PhoneFastPathTests} checks the two agree on
 * random numbers in every calling code.
 */
final class PhoneFastPath {

    /** The number needs the library. */
    static final int SLOW = -2;

    private static final int MAX_INPUT = 250;
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Region[] REGIONS = new Region[1000];
    /** Calling codes the library assigns, geographic or not. */
    private static final boolean[] ASSIGNED = new boolean[1000];

    /** What the fast path needs of one calling code's main region; null entries: unassigned or non-geographic. */
    private record Region(Pattern nationalPrefixForParsing, Pattern internationalPrefix, boolean[] possibleLength) {
    }

    /** Calling codes of the regions phones without a prefix are read in, as asked for; -1 for none the path serves. */
    private static final java.util.Map<String, Integer> DEFAULT_REGIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** By calling code, made on first use: the remembered national-prefix answers by first digits. */
    private static final byte[][] MEMOS = new byte[1000][];

    static {
        var source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (int cc = 1; cc < REGIONS.length; cc++) {
            String region = PHONES.getRegionCodeForCountryCode(cc);
            ASSIGNED[cc] = !region.equals("ZZ");
            if (region.equals("ZZ") || region.equals("001")) {
                continue;
            }
            PhoneMetadata m = source.getMetadataForRegion(region);
            if (m == null || m.getGeneralDesc().getPossibleLengthList().isEmpty()) {
                continue;
            }
            boolean[] possible = new boolean[18];
            for (int length : m.getGeneralDesc().getPossibleLengthList()) {
                if (length > 0 && length < possible.length) {
                    possible[length] = true;
                }
            }
            String npp = m.getNationalPrefixForParsing();
            String idd = m.getInternationalPrefix();
            REGIONS[cc] = new Region(npp == null || npp.isEmpty() ? null : Pattern.compile(npp),
                    idd == null || idd.isEmpty() ? null : Pattern.compile(idd), possible);
        }
    }

    private PhoneFastPath() {
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /**
     * The E.164 form of a phone in printable ASCII, numbers without a prefix read in {@code defaultRegion}, or null
     * when the library must decide.
     */
    static String e164(String s, String defaultRegion) {
        int len = s.length();
        if (len > MAX_INPUT) {
            return null;
        }
        byte[] src = new byte[len];
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            src[i] = (byte) c;
        }
        byte[] dst = new byte[len + 4];
        int n = e164(src, 0, len, dst, defaultRegion);
        return n < 0 ? null : new String(dst, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the E.164 form of {@code src[off, off + len)} (printable ASCII) to {@code dst} and returns its length,
     * or {@link #SLOW} when the number is not in a form this path decides.
     */
    static int e164(byte[] src, int off, int len, byte[] dst, String defaultRegion) {
        int end = off + len;
        while (off < end && src[off] == ' ') {
            off++;
        }
        while (end > off && src[end - 1] == ' ') {
            end--;
        }
        if (end - off > MAX_INPUT || end - off < 2) {
            return SLOW;
        }
        int i;
        if (src[off] == '+') {
            i = off + 1;
        } else if (src[off] == '0' && src[off + 1] == '0') {
            i = off + 2;
        } else {
            return national(src, off, end, dst, defaultRegion);
        }
        dst[0] = '+';
        int n = digits(src, i, end, dst, 1);
        if (n < 0) {
            return SLOW;
        }
        int digits = n - 1;
        if (digits <= 2 || dst[1] == '0') {
            return SLOW;
        }
        int cc = 0;
        int ccLength = 0;
        for (int k = 1; k <= 3 && k <= digits; k++) {
            cc = cc * 10 + (dst[k] - '0');
            if (ASSIGNED[cc]) {
                ccLength = k;
                break;
            }
        }
        if (ccLength == 0) {
            return SLOW;
        }
        Region r = REGIONS[cc];
        int national = digits - ccLength;
        if (r == null || national < 2 || national > 17 || dst[1 + ccLength] == '0' || !r.possibleLength[national]) {
            return SLOW;
        }
        if (r.nationalPrefixForParsing != null && prefixMatches(cc, r, dst, 1 + ccLength, national)) {
            return SLOW;
        }
        return n;
    }

    /** Digits of a national number whose national-prefix match is remembered. */
    private static final int MEMO_DIGITS = 6;
    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;
    /** The answer depends on more than the first digits: the pattern runs on the whole number. */
    private static final byte WHOLE = 3;

    /**
     * Whether the region's national-prefix pattern matches at the start of the national number. The answer for the
     * first {@link #MEMO_DIGITS} digits is remembered when the matcher decided it without reaching their end
     * ({@code hitEnd()} false): more digits cannot change such an answer. Otherwise the pattern runs on the number.
     */
    private static boolean prefixMatches(int cc, Region r, byte[] digits, int from, int length) {
        if (length < MEMO_DIGITS) {
            return MATCHING.get().prefixMatches(cc, r.nationalPrefixForParsing, digits, from, length).matches;
        }
        int key = 0;
        for (int i = 0; i < MEMO_DIGITS; i++) {
            key = key * 10 + digits[from + i] - '0';
        }
        byte[] memo = MEMOS[cc];
        if (memo == null) {
            memo = MEMOS[cc] = new byte[pow10(MEMO_DIGITS)]; // a race makes two and keeps one: both are right
        }
        byte known = memo[key];
        if (known == UNKNOWN) {
            Outcome o = MATCHING.get().prefixMatches(cc, r.nationalPrefixForParsing, digits, from, MEMO_DIGITS);
            known = o.hitEnd ? WHOLE : o.matches ? YES : NO;
            memo[key] = known; // benign race: every thread computes the same byte
        }
        if (known == WHOLE) {
            return MATCHING.get().prefixMatches(cc, r.nationalPrefixForParsing, digits, from, length).matches;
        }
        return known == YES;
    }

    private record Outcome(boolean matches, boolean hitEnd) {
    }

    private static final Outcome[] OUTCOMES = {new Outcome(false, false), new Outcome(false, true),
        new Outcome(true, false), new Outcome(true, true)};

    /**
     * Copies the digits of {@code src[from, end)} to {@code dst} from {@code at}, past spaces, dashes and dots, and
     * returns where they end; -1 for any other character or when {@code dst} is full.
     */
    private static int digits(byte[] src, int from, int end, byte[] dst, int at) {
        int n = at;
        for (int i = from; i < end; i++) {
            byte c = src[i];
            if (c >= '0' && c <= '9') {
                if (n >= dst.length) {
                    return -1;
                }
                dst[n++] = c;
            } else if (c != ' ' && c != '-' && c != '.') {
                return -1;
            }
        }
        return n;
    }

    /**
     * A number without a prefix in the default region, as the library reads it: its digits are the national number
     * when they do not start with the region's international prefix, its calling code or a 0, the region's
     * national-prefix pattern does not match at their start, and their length is possible. Only for a region that
     * is its calling code's main one (the one whose metadata the path holds).
     */
    private static int national(byte[] src, int off, int end, byte[] dst, String defaultRegion) {
        int cc = defaultRegion == null ? -1 : DEFAULT_REGIONS.computeIfAbsent(defaultRegion, r -> {
            int code = PHONES.getCountryCodeForRegion(r);
            return code > 0 && code < REGIONS.length && REGIONS[code] != null
                    && PHONES.getRegionCodeForCountryCode(code).equals(r) ? code : -1;
        });
        if (cc < 0) {
            return SLOW;
        }
        Region r = REGIONS[cc];
        String ccDigits = Integer.toString(cc);
        int shift = 1 + ccDigits.length();
        int n = digits(src, off, end, dst, shift);
        if (n < 0) {
            return SLOW;
        }
        int national = n - shift;
        if (national < 2 || national > 17 || dst[shift] == '0' || !r.possibleLength[national]) {
            return SLOW;
        }
        boolean startsWithCode = national > ccDigits.length();
        for (int k = 0; k < ccDigits.length() && startsWithCode; k++) {
            startsWithCode = dst[shift + k] == ccDigits.charAt(k);
        }
        if (startsWithCode) {
            return SLOW;
        }
        if (r.internationalPrefix != null && MATCHING.get().prefixMatches(-1, r.internationalPrefix, dst, shift,
                national).matches) {
            return SLOW;
        }
        if (r.nationalPrefixForParsing != null && prefixMatches(cc, r, dst, shift, national)) {
            return SLOW;
        }
        dst[0] = '+';
        for (int k = 0; k < ccDigits.length(); k++) {
            dst[1 + k] = (byte) ccDigits.charAt(k);
        }
        return n;
    }

    private static final ThreadLocal<Matching> MATCHING = ThreadLocal.withInitial(Matching::new);

    /** One thread's matchers, reset onto a view of the digits rather than made anew for every number. */
    private static final class Matching implements CharSequence {
        private final java.util.regex.Matcher[] matchers = new java.util.regex.Matcher[REGIONS.length];
        private byte[] bytes;
        private int off;
        private int len;

        Outcome prefixMatches(int cc, Pattern p, byte[] b, int from, int length) {
            bytes = b;
            off = from;
            len = length;
            java.util.regex.Matcher m = cc < 0 ? p.matcher(this) : matchers[cc];
            if (m == null) {
                m = matchers[cc] = p.matcher(this);
            } else {
                m.reset(this);
            }
            boolean matches = m.lookingAt();
            return OUTCOMES[(matches ? 2 : 0) + (m.hitEnd() ? 1 : 0)];
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= len) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) bytes[off + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, off + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
