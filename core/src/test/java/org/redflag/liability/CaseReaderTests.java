package org.redflag.liability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;

/** Bad case files get one clear message each: the file, the line, the JSON path and what was expected. */
class CaseReaderTests {

    static final String GOOD = """
            {
              "id": "c1",
              "jurisdiction": "CN",
              "platform": { "services": ["INFORMATION_INTERMEDIARY"] },
              "notices": [ { "receivedAt": "2024-03-01T10:00:00+08:00" } ],
              "platformActions": [ { "type": "FORWARD_NOTICE", "at": "2024-03-02" } ]
            }
            """;

    private final CaseReader reader = new CaseReader();

    private InputProblem only(String text) {
        try {
            reader.read("case.json", text);
        } catch (InvalidInputException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("the case was accepted:\n" + text);
    }

    @Test
    void a_good_case_reads() throws InvalidInputException {
        CaseFacts c = reader.read("case.json", GOOD);
        assertThat(c.notices()).hasSize(1);
        assertThat(c.platformActions().get(0).at()).isEqualTo("2024-03-02");
    }

    private static String withMany(int notices, int actions) {
        String notice = "{ \"receivedAt\": \"2024-03-01T10:00:00+08:00\" }";
        String action = "{ \"type\": \"REMOVE_LISTING\", \"at\": \"2024-03-02\" }";
        return GOOD.replace("\"notices\": [ " + notice + " ]", "\"notices\": [\n"
                        + String.join(",\n", java.util.Collections.nCopies(notices, notice)) + " ]")
                .replace("\"platformActions\": [ { \"type\": \"FORWARD_NOTICE\", \"at\": \"2024-03-02\" } ]",
                        "\"platformActions\": [\n" + String.join(",\n", java.util.Collections.nCopies(actions,
                                action)) + " ]");
    }

    @Test
    void a_case_of_more_notices_or_actions_than_one_case_holds_is_refused_at_the_first_one_over() throws Exception {
        assertThat(reader.read("case.json", withMany(CaseReader.MAX_NOTICES, CaseReader.MAX_ACTIONS)).notices())
                .hasSize(CaseReader.MAX_NOTICES);
        InputProblem notices = only(withMany(CaseReader.MAX_NOTICES + 1, 1));
        assertThat(notices.path()).isEqualTo("$.notices[" + CaseReader.MAX_NOTICES + "]");
        assertThat(notices.line()).as("the line of notice 1,001").isEqualTo(5 + CaseReader.MAX_NOTICES + 1);
        assertThat(notices.message()).contains("at most 1000 notices", "has 1001");
        InputProblem actions = only(withMany(1, CaseReader.MAX_ACTIONS + 1));
        assertThat(actions.path()).isEqualTo("$.platformActions[" + CaseReader.MAX_ACTIONS + "]");
        assertThat(actions.message()).contains("at most 2000 platform actions", "has 2001");
    }

    @Test
    void counterfactuals_of_a_case_of_many_notices_vary_the_first_and_say_so() throws Exception {
        CaseFacts many = reader.read("case.json", withMany(120, 3));
        var pack = org.redflag.law.PolicyPacks.builtIn().resolve("CN");
        Assessment a = new Assessor().assess(many, pack);
        assertThat(a.counterfactuals()).last().asString().startsWith("(Of the case's 120 notices, the first "
                + Counterfactuals.MAX_VARIED + " were varied");
        CaseFacts few = reader.read("case.json", withMany(Counterfactuals.MAX_VARIED, 3));
        assertThat(new Assessor().assess(few, pack).counterfactuals()).noneMatch(c -> c.startsWith("(Of"));
    }

    @Test
    void text_that_is_not_json_names_the_line_and_column() {
        InputProblem p = only("{\n  \"id\": \"c1\",\n  oops\n}");
        assertThat(p.file()).isEqualTo("case.json");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("not valid JSON (column");
    }

    @Test
    void a_case_file_that_is_not_utf8_is_refused_on_its_line(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("latin1.json");
        Files.write(file, GOOD.replace("\"id\": \"c1\"", "\"id\": \"caf\u00e9\"")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems().get(0).toString()).isEqualTo(file + ":2: not UTF-8 text (byte 0xE9); save the"
                        + " file as UTF-8"));
    }

    @Test
    void a_second_value_after_the_case_is_named_plainly() {
        InputProblem p = only(GOOD + "\n{}\n");
        assertThat(p.line()).isEqualTo(GOOD.split("\n", -1).length + 1);
        assertThat(p.message()).contains("another value after the end of the first; a document holds one JSON value")
                .doesNotContain("Trailing token", "DeserializationFeature");
    }

    @Test
    void an_unknown_field_is_named_with_its_path_and_line() {
        InputProblem p = only(GOOD.replace("\"id\": \"c1\",", "\"id\": \"c1\", \"colour\": \"red\","));
        assertThat(p.path()).isEqualTo("$.colour");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("unknown field \"colour\"");
    }

    @Test
    void a_wrong_type_says_what_was_expected_and_what_was_found() {
        InputProblem p = only(GOOD.replace("\"id\": \"c1\",", "\"id\": \"c1\", \"generalKnowledgeOnly\": \"yes\","));
        assertThat(p.path()).isEqualTo("$.generalKnowledgeOnly");
        assertThat(p.message()).contains("expected boolean").contains("found \"yes\"");
    }

    @Test
    void a_bad_enum_lists_the_allowed_values() {
        InputProblem p = only(GOOD.replace("INFORMATION_INTERMEDIARY", "SHOP"));
        assertThat(p.path()).isEqualTo("$.platform.services[0]");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("INFORMATION_INTERMEDIARY", "PAYMENT_SETTLEMENT", "found \"SHOP\"");
    }

    @Test
    void a_missing_required_field_is_named() {
        InputProblem p = only(GOOD.replace("\"jurisdiction\": \"CN\",", ""));
        assertThat(p.path()).isEqualTo("$.jurisdiction");
        assertThat(p.message()).contains("required field \"jurisdiction\" is missing");
    }

    @Test
    void a_date_that_does_not_parse_is_named_with_the_expected_form() {
        InputProblem p = only(GOOD.replace("2024-03-02", "2024-02-30"));
        assertThat(p.path()).isEqualTo("$.platformActions[0].at");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message()).contains("ISO-8601").contains("2024-02-30");
    }

    @Test
    void an_action_dated_before_the_notice_it_answers_is_inconsistent() {
        InputProblem p = only(GOOD.replace("2024-03-02", "2024-02-28"));
        assertThat(p.path()).isEqualTo("$.platformActions[0].at");
        assertThat(p.message()).contains("before the notice it answers");
    }

    @Test
    void a_negative_price_is_refused() {
        InputProblem p = only(GOOD.replace("\"platform\"", "\"listing\": { \"price\": -5 },\n  \"platform\""));
        assertThat(p.path()).isEqualTo("$.listing.price");
        assertThat(p.message()).contains("-5");
    }

    @Test
    void a_counter_notice_forwarded_before_it_was_received_is_inconsistent() {
        InputProblem p = only(GOOD.replace("\"platformActions\"", "\"counterNotices\": [ { \"receivedAt\":"
                + " \"2024-03-05\", \"forwardedAt\": \"2024-03-04\" } ],\n  \"platformActions\""));
        assertThat(p.path()).isEqualTo("$.counterNotices[0].forwardedAt");
    }

    @Test
    void duplicate_keys_are_refused() {
        InputProblem p = only(GOOD.replace("\"id\": \"c1\",", "\"id\": \"c1\", \"id\": \"c2\","));
        assertThat(p.message()).contains("Duplicate");
    }

    @Test
    void every_problem_of_a_file_is_reported_not_only_the_first() {
        assertThatThrownBy(() -> reader.read("case.json", GOOD.replace("\"id\": \"c1\",",
                "\"id\": \"C 1\", \"extra\": 1,")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(2));
    }

    @Test
    void a_file_over_the_size_limit_is_refused_without_being_parsed(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"id\":\"" + "a".repeat((int) CaseReader.MAX_CASE_BYTES) + "\"}");
        assertThatThrownBy(() -> reader.read(big)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + CaseReader.MAX_CASE_BYTES);
    }

    @Test
    void a_file_that_is_not_utf8_is_refused(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin.json");
        Files.write(bin, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertThatThrownBy(() -> reader.read(bin)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not UTF-8");
    }
}
