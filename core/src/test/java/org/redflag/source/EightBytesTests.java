package org.redflag.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-byte tests against looking at each byte: they never miss, and the search finds what a loop finds. */
class EightBytesTests {

    @Test
    void the_tests_never_miss_a_byte_and_the_search_finds_the_first() {
        Random r = new Random(11);
        byte[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\n', 0x1f, 0x7f, (byte) 0xE9, (byte) 0x80, (byte) 0xFF};
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[8 + r.nextInt(24)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(3) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) (0x21 + r.nextInt(0x5e));
            }
            long x = EightBytes.at(b, 0);
            boolean special = false;
            boolean ascii = true;
            for (int i = 0; i < 8; i++) {
                special |= b[i] == '"' || b[i] == '\\' || b[i] >= 0 && b[i] < 0x20;
                ascii &= b[i] >= 0;
            }
            if (special) {
                assertThat(EightBytes.special(x)).as("a special byte is never missed").isTrue();
            }
            assertThat(EightBytes.ascii(x)).isEqualTo(ascii);
            byte c = alphabet[r.nextInt(alphabet.length)];
            int from = r.nextInt(b.length);
            int expected = -1;
            for (int i = from; i < b.length && expected < 0; i++) {
                expected = b[i] == c ? i : -1;
            }
            assertThat(EightBytes.indexOf(b, from, b.length, c)).isEqualTo(expected);
            boolean holds = false;
            for (int i = 0; i < 8; i++) {
                holds |= b[i] == c;
            }
            if (holds) {
                assertThat(EightBytes.mayHold(x, EightBytes.pattern(c))).as("a byte held is never missed").isTrue();
            }
            if (!special && !holds && c == '"') {
                assertThat(EightBytes.mayHold(x, EightBytes.pattern(c))).as("no quote, no alarm").isFalse();
            }
        }
    }
}
