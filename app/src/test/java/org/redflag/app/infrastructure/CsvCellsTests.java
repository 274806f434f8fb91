package org.redflag.app.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text a spreadsheet would take for a formula is written so that it stays text. */
class CsvCellsTests {

    @Test
    void formula_starts_get_an_apostrophe_and_other_text_is_left_alone() {
        String[][] cases = {{"=1+1", "'=1+1"}, {"+31 20 555", "'+31 20 555"}, {"-2", "'-2"},
            {"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain reasons", "plain reasons"},
            {"a=b", "a=b"}, {"'quoted", "'quoted"}, {"高仿 bag", "高仿 bag"}, {"", ""}, {null, null}};
        for (String[] c : cases) {
            assertThat(CsvCells.text(c[0])).as("[%s]", c[0]).isEqualTo(c[1]);
        }
    }
}
