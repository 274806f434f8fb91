package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.source.InvalidInputException;

/** The banned-seller list: one JSON object with a sellerId string a line; anything else is named by its line. */
class ReferenceDataTests {

    static ReferenceData banned(Path dir, String lines) throws Exception {
        Path file = dir.resolve("banned.jsonl");
        Files.writeString(file, lines);
        return ReferenceData.load(null, file, null, CounterfeitDictionary.shipped());
    }

    @Test
    void sellers_are_read_from_their_objects_whatever_else_the_line_holds(@TempDir Path dir) throws Exception {
        ReferenceData d = banned(dir, "{\"sellerId\":\"S1\"}\n\n  \n{\"note\":{\"a\":[1,{\"sellerId\":\"no\"}]},"
                + "\"sellerId\":\"S2\"}\n{\"sellerId\":\"old\",\"sellerId\":\"S3\"}\n");
        assertThat(d.banned("S1")).isTrue();
        assertThat(d.banned("S2")).isTrue();
        assertThat(d.banned("no")).as("a sellerId inside another field is not the line's").isFalse();
        assertThat(d.banned("S3")).as("a repeated field: the last counts, as a JSON object reads").isTrue();
        assertThat(d.banned("old")).isFalse();
        assertThat(d.banned("S4")).isFalse();
    }

    @Test
    void a_line_without_a_seller_string_is_named_by_its_number(@TempDir Path dir) {
        String good = "{\"sellerId\":\"S1\"}\n";
        for (String bad : new String[] {"{\"sellerId\":5}", "[1]", "\"S1\"", "{\"seller\":\"S1\"}", "{}",
            "{\"sellerId\":null}"}) {
            assertThatThrownBy(() -> banned(dir, good + bad + "\n")).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("banned.jsonl:2").hasMessageContaining("sellerId string");
        }
        for (String bad : new String[] {"{\"sellerId\":\"S1\"", "{\"sellerId\":\"S1\"} x", "{sellerId: 1}"}) {
            assertThatThrownBy(() -> banned(dir, good + bad + "\n")).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("banned.jsonl:2").hasMessageContaining("not JSON lines");
        }
    }
}
