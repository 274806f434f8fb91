package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A flag's evidence fields are a read-only map that keeps its fields in the order they were added. */
class FieldsTests {

    @Test
    void it_is_the_map_a_linked_hash_map_of_the_same_puts_is() {
        Random r = new Random(5);
        for (int n = 0; n < 500; n++) {
            Fields fields = new Fields();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int k = r.nextInt(20); k > 0; k--) { // past the first arrays' room, with keys put again
                String key = "k" + r.nextInt(12);
                Object value = r.nextBoolean() ? r.nextInt(100) : null;
                fields.with(key, value);
                expected.put(key, value);
            }
            assertThat(fields).isEqualTo(expected);
            assertThat(fields.hashCode()).isEqualTo(expected.hashCode());
            assertThat(List.copyOf(fields.keySet())).as("the order of the first puts").isEqualTo(
                    List.copyOf(expected.keySet()));
            assertThat(fields.toString()).isEqualTo(expected.toString());
            for (int k = 0; k < 12; k++) {
                assertThat(fields.get("k" + k)).isEqualTo(expected.get("k" + k));
                assertThat(fields.containsKey("k" + k)).isEqualTo(expected.containsKey("k" + k));
            }
            assertThat(ResultWriterTests.JSON.writeValueAsString(fields)).isEqualTo(
                    ResultWriterTests.JSON.writeValueAsString(expected));
        }
    }

    @Test
    void it_cannot_be_changed_from_outside() {
        Fields fields = new Fields().with("a", 1);
        assertThatThrownBy(() -> fields.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(fields::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(fields).containsExactly(Map.entry("a", 1));
    }
}
