package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A value is found again by exactly its bytes, wherever they sit in a line; a newer value takes its slot. */
class RecentByBytesTests {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_value_is_found_by_the_same_bytes_at_another_offset_and_not_by_other_bytes() {
        RecentByBytes<String> recent = new RecentByBytes<>(8);
        byte[] line = bytes("xx\"shoes\"yy");
        int slot = recent.slot(line, 3, 8);
        assertThat(recent.get(slot, line, 3, 8)).isNull();
        recent.put(slot, line, 3, 8, "shoes");
        byte[] other = bytes("{\"category\":\"shoes\"}");
        assertThat(recent.slot(other, 13, 18)).isEqualTo(slot);
        assertThat(recent.get(slot, other, 13, 18)).isEqualTo("shoes");
        line[4] = 'H'; // the kept key is a copy: changing the line it came from changes nothing
        assertThat(recent.get(slot, other, 13, 18)).isEqualTo("shoes");
        byte[] prefix = bytes("shoe");
        assertThat(recent.get(recent.slot(prefix, 0, 4), prefix, 0, 4)).isNull();
        byte[] longer = bytes("shoess");
        assertThat(recent.get(recent.slot(longer, 0, 6), longer, 0, 6)).isNull();
    }

    @Test
    void a_newer_value_takes_the_slot_of_an_older_one() {
        RecentByBytes<String> recent = new RecentByBytes<>(1); // one slot: every value shares it
        byte[] a = bytes("bags");
        byte[] b = bytes("toys");
        recent.put(0, a, 0, 4, "bags");
        recent.put(0, b, 0, 4, "toys");
        assertThat(recent.get(0, a, 0, 4)).isNull();
        assertThat(recent.get(0, b, 0, 4)).isEqualTo("toys");
    }

    @Test
    void the_table_is_a_power_of_two() {
        assertThatThrownBy(() -> new RecentByBytes<String>(48)).hasMessageContaining("power of two: 48");
    }
}
