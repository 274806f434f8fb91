package org.redflag.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path for international phones agrees with libphonenumber wherever it answers, in every calling code. */
class PhoneFastPathTests {

    private static final String[] SEPARATORS = {"", " ", "-", ".", "  "};

    /** A number in calling code {@code cc}: random national digits of a random length, typed with separators. */
    static String typed(Random r, int cc) {
        StringBuilder digits = new StringBuilder().append(cc);
        int national = r.nextInt(5) == 0 ? 1 + r.nextInt(17) : 6 + r.nextInt(7);
        for (int i = 0; i < national; i++) {
            digits.append(r.nextInt(10));
        }
        StringBuilder s = new StringBuilder(r.nextInt(4) == 0 ? "00" : "+");
        if (r.nextBoolean()) {
            s.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        }
        for (int i = 0; i < digits.length(); i++) {
            s.append(digits.charAt(i));
            if (r.nextInt(4) == 0) {
                s.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
            }
        }
        return r.nextInt(10) == 0 ? " " + s + " " : s.toString();
    }

    @Test
    void every_answer_of_the_fast_path_is_the_library_s() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Integer> codes = new ArrayList<>(util.getSupportedCallingCodes());
        Random r = new Random(Long.getLong("redflag.seed", 1L));
        int answered = 0;
        int total = 0;
        for (int cc : codes) {
            for (int k = 0; k < 300; k++) {
                String s = typed(r, cc);
                String fast = PhoneFastPath.e164(s.trim(), "CN");
                String library = Normalisers.phoneByLibrary(s.trim(), "CN");
                total++;
                if (fast != null) {
                    answered++;
                    assertThat(fast).as("%s", s).isEqualTo(library);
                }
            }
        }
        // the path must actually carry numbers, or it is no faster
        assertThat(answered).as("numbers the fast path answered of %d", total).isGreaterThan(total / 10);
    }

    @Test
    void mainland_mobiles_in_international_form_take_the_fast_path() {
        Random r = new Random(7);
        for (int k = 0; k < 2_000; k++) {
            // 13x, 15x, 18x: mobile prefixes the national-prefix pattern (1[12]xx, 179xx, 0) leaves alone
            String national = "1" + "358".charAt(r.nextInt(3)) + String.format("%09d", r.nextInt(1_000_000_000));
            for (String s : List.of("+86 " + national, "0086-" + national, "+86" + national)) {
                assertThat(PhoneFastPath.e164(s, "CN")).as(s).isEqualTo("+86" + national)
                        .isEqualTo(Normalisers.phoneByLibrary(s, "CN"));
            }
        }
    }

    @Test
    void numbers_without_a_prefix_read_in_the_default_region_agree_with_the_library() {
        Random r = new Random(Long.getLong("redflag.seed", 1L) + 5);
        int answered = 0;
        int total = 0;
        for (String region : List.of("CN", "US", "GB", "DE", "FR", "JP", "IN", "BR", "HK", "RU", "IT", "AU", "CA")) {
            for (int k = 0; k < 3_000; k++) {
                StringBuilder s = new StringBuilder();
                int length = 4 + r.nextInt(12);
                for (int i = 0; i < length; i++) {
                    s.append(r.nextInt(10));
                    if (r.nextInt(5) == 0) {
                        s.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                    }
                }
                String typed = s.toString().trim();
                String fast = PhoneFastPath.e164(typed, region);
                total++;
                if (fast != null) {
                    answered++;
                    assertThat(fast).as("%s in %s", typed, region).isEqualTo(Normalisers.phoneByLibrary(typed, region));
                }
            }
        }
        assertThat(answered).as("numbers the fast path answered of %d", total).isGreaterThan(total / 10);
        assertThat(PhoneFastPath.e164("138 0013 8000", "CN")).isEqualTo("+8613800138000");
        assertThat(PhoneFastPath.e164("202-555-0143", "US")).isEqualTo("+12025550143");
    }

    @Test
    void what_the_library_must_decide_is_left_to_it() {
        assertThat(PhoneFastPath.e164("0138 0013 8000", "CN")).as("a national prefix").isNull();
        assertThat(PhoneFastPath.e164("8613800138000", "CN")).as("the calling code without a plus").isNull();
        assertThat(PhoneFastPath.e164("2025550143", "CA")).as("not its calling code's main region").isNull();
        assertThat(PhoneFastPath.e164("+44 (0)20 7946 0958", "CN")).as("parentheses").isNull();
        assertThat(PhoneFastPath.e164("+44 020 7946 0958", "CN")).as("a national prefix after the code").isNull();
        assertThat(PhoneFastPath.e164("+1 800 FLOWERS", "CN")).as("letters").isNull();
        assertThat(PhoneFastPath.e164("+800 1234 5678", "CN")).as("non-geographic").isNull();
        assertThat(Normalisers.phone("+44 (0)20 7946 0958", "CN")).hasValue("+442079460958");
    }
}
