package org.redflag.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped-YAML reader makes the tree and the line map the mapper makes, or leaves the document to it. */
class ShippedYamlTests {

    static void sameReading(String text) throws Exception {
        SourceDocument quick = ShippedYaml.parse("doc.yaml", text);
        SourceDocument full = SourceDocument.parse("doc.yaml", text, SourceDocument.Format.YAML);
        assertThat(quick.root()).as(text).isEqualTo(full.root());
        assertThat(quick.lines()).as(text).isEqualTo(full.lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN", "EU", "US"})
    void every_shipped_pack_reads_the_same(String id) throws Exception {
        String text = new String(ShippedYamlTests.class.getResourceAsStream("/org/redflag/law/packs/" + id + ".yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        sameReading(text);
    }

    @Test
    void scalars_of_every_kind_read_the_same() throws Exception {
        sameReading("""
                int: 12
                negative: -3
                big: 12345678901
                huge: 123456789012345678901234567890
                zero: 0
                float: 0.70
                exponent: 1e3
                signed: -2.5E-3
                quoted: "12"
                single: '0.70'
                yes: yes
                on: on
                truth: true
                upper: TRUE
                nothing: null
                tilde: ~
                empty:
                emptyQuoted: ""
                text: plain words
                leadingZero: 012
                hex: 0x1F
                date: 2024-01-10
                block: |
                  two
                  lines
                folded: >
                  one
                  line
                list:
                  - a
                  - 1
                  - {k: v, n: 2.0}
                  - [x, [y]]
                "quoted key": 1
                'cn.ecl.art42': x
                nested:
                  deeper:
                    - deepest: true
                """);
    }

    @Test
    void a_document_it_does_not_take_for_certain_is_the_mappers() throws Exception {
        sameReading("a: &x 1\nb: *x\n"); // an alias: the same value twice
        assertThatThrownBy(() -> ShippedYaml.parse("doc.yaml", "a: 1\na: 2\n")).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("doc.yaml:2:").hasMessageContaining("Duplicate"); // the mapper says so
        assertThatThrownBy(() -> ShippedYaml.parse("doc.yaml", "a: [1\n")).isInstanceOf(InvalidInputException.class);
    }
}
