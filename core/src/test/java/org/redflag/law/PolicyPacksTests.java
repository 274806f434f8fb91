package org.redflag.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;

/** The shipped packs read and say what the law says; a malformed pack is refused with its file, line and field. */
class PolicyPacksTests {

    static String cn() throws IOException {
        try (InputStream in = PolicyPacks.class.getResourceAsStream("/org/redflag/law/packs/CN.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputProblem refused(String text) {
        try {
            PolicyPacks.read("pack.yaml", text);
        } catch (InvalidInputException e) {
            return e.problems().get(0);
        }
        throw new AssertionError("the pack was accepted");
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void a_shipped_pack_read_without_the_mapper_is_the_pack_the_mapper_reads() throws Exception {
        for (String id : PolicyPacks.BUILT_IN) {
            String text = PolicyPacks.shippedText(id);
            assertThat(PackReader.readShipped(id + ".yaml", text, "source")).as(id)
                    .isEqualTo(PackReader.read(id + ".yaml", text, "source"));
        }
    }

    @Test
    void the_shipped_packs_carry_the_source_papers_figures() {
        PolicyPacks packs = PolicyPacks.builtIn();
        assertThat(packs.all()).extracting(PolicyPack::id).containsExactly("CN", "EU", "US");
        PolicyPack cn = packs.find("CN").orElseThrow();
        assertThat(cn.notice().responseDeadline().value()).isEqualTo(72);
        assertThat(cn.notice().responseDeadline().unit()).isEqualTo(TimeLimit.Unit.HOURS);
        assertThat(cn.counterNotice().orElseThrow().waitingPeriod().value()).isEqualTo(15);
        assertThat(cn.redFlags().priceRatio().value()).isEqualByComparingTo("0.70");
        assertThat(cn.redFlags().salesMultiple().value()).isEqualByComparingTo("10");
        assertThat(packs.find("EU").orElseThrow().notice().responseDeadline().value()).isEqualTo(12);
        PolicyPack us = packs.find("US").orElseThrow();
        assertThat(us.counterNotice().orElseThrow().waitingPeriod().unit()).isEqualTo(TimeLimit.Unit.BUSINESS_DAYS);
        assertThat(us.counterNotice().orElseThrow().restoreBy().orElseThrow().value()).isEqualTo(14);
    }

    @Test
    void every_shipped_pack_passes_the_schema_and_reads_as_shipped() throws Exception {
        for (String id : PolicyPacks.BUILT_IN) {
            PolicyPack validated = PolicyPacks.read(id + ".yaml", PolicyPacks.shippedText(id));
            PolicyPack shipped = PolicyPacks.builtIn().find(id).orElseThrow();
            assertThat(validated.redFlags()).isEqualTo(shipped.redFlags());
            assertThat(validated.provisions()).isEqualTo(shipped.provisions());
            assertThat(validated.version()).isEqualTo(shipped.version());
        }
        assertThat(PolicyPacks.builtIn().find("XX")).isEmpty();
    }

    @Test
    void every_parameter_names_a_provision_the_pack_defines() {
        for (PolicyPack p : PolicyPacks.builtIn().all()) {
            assertThat(p.notice().responseDeadline().references()).isNotEmpty()
                    .allSatisfy(r -> assertThat(p.provisions()).containsKey(r));
            assertThat(p.redFlags().priceRatio().references()).isNotEmpty();
            p.redFlags().flags().values().forEach(f -> assertThat(f.references()).isNotEmpty());
        }
    }

    @Test
    void a_yaml_syntax_error_names_its_line() throws IOException {
        String text = cn().replace("timeZone: Asia/Shanghai", "timeZone: [Asia/Shanghai");
        InputProblem p = refused(text);
        assertThat(p.file()).isEqualTo("pack.yaml");
        assertThat(p.line()).isGreaterThan(0);
        assertThat(p.message()).startsWith("not valid YAML");
    }

    @Test
    void a_pack_nested_past_the_limit_is_refused_without_naming_parser_settings() throws IOException {
        InputProblem p = refused("a: " + "[".repeat(600) + "]".repeat(600) + "\n");
        assertThat(p.message()).startsWith("not valid YAML").contains("exceeds the maximum allowed (500)")
                .doesNotContain("`", "StreamReadConstraints");
    }

    @Test
    void a_smallest_category_that_is_not_a_whole_number_of_one_or_more_is_refused() throws IOException {
        for (String value : new String[] {"0", "2.5", "-20"}) {
            InputProblem p = refused(cn().replace("minCategoryListings: { value: 20,",
                    "minCategoryListings: { value: " + value + ","));
            assertThat(p.path()).as(value).startsWith("$.redFlags.minCategoryListings");
            assertThat(p.line()).as(value).isGreaterThan(0);
        }
    }

    @Test
    void a_risk_weight_outside_zero_to_one_is_refused() throws IOException {
        InputProblem p = refused(cn().replace("SALES_ANOMALY: 0.4", "SALES_ANOMALY: 1.5"));
        assertThat(p.path()).isEqualTo("$.redFlags.riskWeights.SALES_ANOMALY");
        assertThat(p.line()).isGreaterThan(0);
    }

    @Test
    void a_directory_named_as_a_pack_file_is_said_to_be_one(@TempDir Path dir) {
        assertThatThrownBy(() -> PolicyPacks.builtIn().resolve(dir.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a directory, not a pack file");
    }

    @Test
    void a_wrong_value_names_its_field_and_line() throws IOException {
        String text = cn().replace("responseDeadline: { value: 72,", "responseDeadline: { value: seventy-two,");
        InputProblem p = refused(text);
        assertThat(p.path()).isEqualTo("$.notice.responseDeadline.value");
        assertThat(p.line()).isEqualTo(lineOf(text, "responseDeadline:"));
        assertThat(p.message()).contains("expected integer");
    }

    @Test
    void an_unknown_field_is_refused() throws IOException {
        String text = cn().replace("timeZone: Asia/Shanghai", "timeZone: Asia/Shanghai\nfavouriteColour: red");
        InputProblem p = refused(text);
        assertThat(p.path()).isEqualTo("$.favouriteColour");
        assertThat(p.line()).isEqualTo(lineOf(text, "favouriteColour"));
    }

    @Test
    void a_reference_to_a_provision_the_pack_does_not_define_is_refused() throws IOException {
        String text = cn().replace("priceRatio: { value: 0.70, unit: RATIO, references: [seed.s3.1]",
                "priceRatio: { value: 0.70, unit: RATIO, references: [seed.s9.9]");
        InputProblem p = refused(text);
        assertThat(p.path()).isEqualTo("$.redFlags.priceRatio.references[0]");
        assertThat(p.message()).contains("unknown provision \"seed.s9.9\"");
        assertThat(p.line()).isEqualTo(lineOf(text, "priceRatio:"));
    }

    @Test
    void an_unknown_time_zone_is_refused() throws IOException {
        InputProblem p = refused(cn().replace("timeZone: Asia/Shanghai", "timeZone: Asia/Atlantis"));
        assertThat(p.path()).isEqualTo("$.timeZone");
        assertThat(p.message()).contains("unknown time zone");
    }

    @Test
    void a_strike_ladder_with_a_gap_is_refused() throws IOException {
        InputProblem p = refused(cn().replace("- { strike: 3, action: TERMINATE_ACCOUNT",
                "- { strike: 4, action: TERMINATE_ACCOUNT"));
        assertThat(p.path()).isEqualTo("$.strikes.ladder[2].strike");
    }

    @Test
    void a_price_ratio_above_one_is_refused() throws IOException {
        InputProblem p = refused(cn().replace("priceRatio: { value: 0.70", "priceRatio: { value: 7"));
        assertThat(p.path()).isEqualTo("$.redFlags.priceRatio.value");
    }

    @Test
    void every_shipped_pack_has_identity_rules_with_provisions() {
        for (PolicyPack p : PolicyPacks.builtIn().all()) {
            IdentityRules rules = p.identity().orElseThrow();
            assertThat(rules.onLinkedRegistration().value()).isIn("HOLD_FOR_REVIEW", "BLOCK");
            assertThat(rules.hubThreshold().value().intValue()).isPositive();
            assertThat(rules.hubThreshold().references()).isNotEmpty()
                    .allSatisfy(r -> assertThat(p.provisions()).containsKey(r));
        }
    }

    @Test
    void an_unknown_linked_registration_action_is_refused_by_name() throws IOException {
        String text = cn().replace("onLinkedRegistration: { value: HOLD_FOR_REVIEW,",
                "onLinkedRegistration: { value: DELETE,");
        InputProblem p = refused(text);
        assertThat(p.path()).isEqualTo("$.identity.onLinkedRegistration.value");
        assertThat(p.line()).isEqualTo(lineOf(text, "onLinkedRegistration:"));
    }

    @Test
    void a_hub_threshold_below_one_is_refused() throws IOException {
        InputProblem p = refused(cn().replace("hubThreshold: { value: 50,", "hubThreshold: { value: 0,"));
        assertThat(p.path()).isEqualTo("$.identity.hubThreshold.value");
    }

    @Test
    void a_custom_pack_file_reads_and_resolve_finds_ids_and_files(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, cn().replace("id: CN", "id: CN-STRICT").replace("responseDeadline: { value: 72,",
                "responseDeadline: { value: 24,"));
        PolicyPack strict = PolicyPacks.builtIn().resolve(file.toString());
        assertThat(strict.id()).isEqualTo("CN-STRICT");
        assertThat(strict.notice().responseDeadline().value()).isEqualTo(24);
        assertThat(PolicyPacks.builtIn().resolve("EU").id()).isEqualTo("EU");
        assertThatThrownBy(() -> PolicyPacks.builtIn().resolve("XX"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shipped packs: CN, EU, US");
    }

    @Test
    void chinese_business_days_skip_the_spring_festival_and_count_exchanged_weekend_days() {
        BusinessCalendar cn = PolicyPacks.builtIn().find("CN").orElseThrow().calendar();
        assertThat(cn.isBusinessDay(java.time.LocalDate.of(2024, 2, 12))).as("Spring Festival Monday").isFalse();
        assertThat(cn.isBusinessDay(java.time.LocalDate.of(2024, 2, 18))).as("exchanged Sunday").isTrue();
        assertThat(cn.isBusinessDay(java.time.LocalDate.of(2024, 2, 24))).as("ordinary Saturday").isFalse();
        TimeLimit three = new TimeLimit(3, TimeLimit.Unit.BUSINESS_DAYS, java.util.List.of(), null);
        java.time.ZoneId sh = java.time.ZoneId.of("Asia/Shanghai");
        java.time.Instant fri = java.time.ZonedDateTime.parse("2024-02-09T10:00:00+08:00[Asia/Shanghai]").toInstant();
        // Fri 9 Feb + 3 business days: holidays 10-17 Feb, Sun 18 Feb a working day, then Mon 19, Tue 20.
        assertThat(three.after(fri, sh, cn).atZone(sh).toLocalDate()).isEqualTo(java.time.LocalDate.of(2024, 2, 20));
    }

    @Test
    void business_days_skip_weekends_and_holidays() {
        BusinessCalendar cal = PolicyPacks.builtIn().find("US").orElseThrow().calendar();
        TimeLimit ten = new TimeLimit(10, TimeLimit.Unit.BUSINESS_DAYS, java.util.List.of(), null);
        java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");
        java.time.Instant fri = java.time.ZonedDateTime.parse("2024-06-14T10:00:00-04:00[America/New_York]").toInstant();
        // Fri 14 June + 10 business days, skipping two weekends and Juneteenth (Wed 19 June) = Mon 1 July.
        assertThat(ten.after(fri, ny, cal).atZone(ny).toLocalDate()).isEqualTo(java.time.LocalDate.of(2024, 7, 1));
    }
}
