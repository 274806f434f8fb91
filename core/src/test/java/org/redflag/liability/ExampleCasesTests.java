package org.redflag.liability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.redflag.law.PolicyPacks;
import org.redflag.source.JsonSchemaCheck;
import org.redflag.source.SourceDocument;

/**
 * Every example case of {@code examples/cases} (the source paper's three and one per rule) reaches the outcome
 * its {@code expected} records: whether the platform is liable, and the tier of knowledge.
 */
class ExampleCasesTests {

    static final Path CASES = Path.of("..", "examples", "cases");

    static List<Path> caseFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CASES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void there_are_fourteen_example_cases() throws IOException {
        assertThat(caseFiles()).hasSize(14);
    }

    @TestFactory
    Stream<DynamicTest> each_assessment_as_json_meets_the_assessment_schema() throws IOException {
        JsonSchemaCheck schema = JsonSchemaCheck.fromResource("/org/redflag/schemas/assessment.schema.json");
        JsonSchemaCheck caseSchema = JsonSchemaCheck.fromResource("/org/redflag/schemas/case.schema.json");
        CaseReader reader = new CaseReader();
        return caseFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            CaseFacts facts = reader.read(file);
            Assessment a = new Assessor().assess(facts, PolicyPacks.builtIn().find(facts.jurisdiction()).orElseThrow());
            var json = AssessmentJson.toJson(a);
            SourceDocument doc = SourceDocument.parse("out.json", AssessmentJson.write(json),
                    SourceDocument.Format.JSON);
            assertThat(schema.check(doc)).as("assessment of %s", facts.id()).isEmpty();
            SourceDocument input = SourceDocument.parse("input.json", AssessmentJson.write(json.get("input")),
                    SourceDocument.Format.JSON);
            assertThat(caseSchema.check(input)).as("the recorded input of %s replays", facts.id()).isEmpty();
            assertThat(json.get("findings").size()).isGreaterThan(5);
            assertThat(json.get("platformLiable").asBoolean()).isEqualTo(facts.expected().platformLiable());
        }));
    }

    @TestFactory
    Stream<DynamicTest> each_example_case_reaches_its_expected_outcome() throws IOException {
        CaseReader reader = new CaseReader();
        Assessor assessor = new Assessor();
        return caseFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            CaseFacts facts = reader.read(file);
            Assessment a = assessor.assess(facts, PolicyPacks.builtIn().find(facts.jurisdiction()).orElseThrow());
            assertThat(facts.expected()).as("the example has an expected outcome").isNotNull();
            assertThat(a.platformLiable()).as("platformLiable of %s\n%s", facts.id(), TextReport.render(a))
                    .isEqualTo(facts.expected().platformLiable());
            assertThat(a.knowledge().name()).as("knowledge of %s\n%s", facts.id(), TextReport.render(a))
                    .isEqualTo(facts.expected().knowledge());
        }));
    }
}
