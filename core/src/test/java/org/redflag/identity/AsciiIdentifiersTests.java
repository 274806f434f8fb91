package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The byte normalisers give exactly what {@link Normalisers} gives, on random printable values. */
class AsciiIdentifiersTests {

    /** Characters identifiers are made of, and the ones the normalisers fold or drop. */
    private static final String ALPHABET = "0123456789abcxyzABCXYZ@+.-_/ {}():gmailoogecom";
    private static final String[] TEMPLATES = {"%s@gmail.com", "%s@GoogleMail.com", "%s@example.cn", "+86 %s",
        "%s", "00%s", "%s@", "@%s", "+%s@gmail.com"};

    private static String value(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(r.nextInt(4) == 0 ? 26 : 14);
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        if (r.nextInt(8) == 0) {
            // a PRC resident identity number, its check digit right or wrong
            String first17 = String.format("%017d", Math.floorMod(r.nextLong(), 100_000_000_000_000_000L));
            char check = r.nextBoolean() ? Normalisers.prcCheckDigit(first17) : (char) ('0' + r.nextInt(10));
            return first17.substring(0, 6) + " " + first17.substring(6) + (r.nextBoolean() ? check
                    : Character.toLowerCase(check));
        }
        return String.format(TEMPLATES[r.nextInt(TEMPLATES.length)], s);
    }

    @ParameterizedTest
    @EnumSource(value = IdentifierType.class, names = {"PHONE", "EMAIL", "IDENTITY_DOCUMENT", "DEVICE_ID",
        "PAYMENT_ACCOUNT"})
    void the_byte_normaliser_agrees_with_the_string_one(IdentifierType type) {
        Random r = new Random(Long.getLong("redflag.seed", 1L) * 31 + type.ordinal());
        byte[] dst = new byte[256];
        int fast = 0;
        for (int k = 0; k < 20_000; k++) {
            String raw = type == IdentifierType.PHONE && r.nextInt(4) > 0
                    ? PhoneFastPathTests.typed(r, new int[] {86, 1, 44, 852, 49}[r.nextInt(5)]) : value(r);
            byte[] src = ("xx" + raw + "yy").getBytes(StandardCharsets.US_ASCII);
            int n = AsciiIdentifiers.normalise(type, src, 2, raw.length(), dst, "CN");
            Optional<String> expected = Normalisers.normalise(type, raw, "CN");
            if (n == AsciiIdentifiers.SLOW) {
                continue;
            }
            fast++;
            Optional<String> got = n == AsciiIdentifiers.NONE ? Optional.empty()
                    : Optional.of(new String(dst, 0, n, StandardCharsets.US_ASCII));
            assertThat(got).as("%s \"%s\"", type, raw).isEqualTo(expected);
        }
        assertThat(fast).as("values the byte normaliser decided").isGreaterThan(5_000);
    }
}
