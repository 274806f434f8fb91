package org.redflag.app.liability;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.liability.Assessment;
import org.redflag.liability.AssessmentJson;
import org.redflag.liability.Assessor;
import org.redflag.liability.CaseFacts;
import org.redflag.liability.CaseReader;
import org.redflag.liability.FactTime;
import org.redflag.liability.TextReport;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** {@code redflag assess}: is the platform liable on these facts, and why. */
@Command(name = "assess",
        description = {
            "Assess a platform's liability for the facts of one or more cases (case.schema.json).",
            "",
            "Prints, per case, the outcome first; then the reasoning step by step (each rule, what it concluded, the"
                    + " facts it read and the provisions it rests on, including rules that did not apply); the"
                    + " Table 2 obligations; the judicial three-step test; and the counterfactuals: single changes"
                    + " to the facts that would change the outcome.",
            "",
            "Several files or a directory are assessed in batch and end with a summary table; where a case records"
                    + " an expected outcome the table shows whether the assessment agrees. With no file, the example"
                    + " cases bundled with Redflag are assessed and only the table is printed.",
            "",
            "A case holds at most " + org.redflag.liability.CaseReader.MAX_NOTICES + " notices and "
                    + org.redflag.liability.CaseReader.MAX_ACTIONS + " platform actions; counterfactuals vary the"
                    + " first " + org.redflag.liability.Assessor.MAX_VARIED_NOTICES + " notices, and the report says"
                    + " so when there are more.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every case assessed, agreeing with its expected outcome if any",
            "  1  some case disagrees with its expected outcome",
            "  2  some file, option or pack is invalid (the valid cases are",
            "     still assessed)",
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
public final class AssessCommand implements Callable<Integer> {

    public enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CASE", arity = "0..*",
            description = "Case files (JSON) or directories of them. None: the bundled example cases.")
    List<Path> cases = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: a readable report (default); json: assessment.schema.json, an array for several cases.")
    Format format;

    @Option(names = "--policy", paramLabel = "ID|FILE",
            description = "Policy pack to apply instead of the case's jurisdiction: a shipped id (CN, EU, US) or a"
                    + " pack file (YAML). See 'redflag policies'.")
    String policy;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Judge liability at this moment (ISO-8601 date or date-time) instead of the case's"
                    + " assessedAt; facts after it are not considered and deadlines still running are not breached.")
    String asOf;

    @Option(names = "--summary", description = "Print only the summary table (the default with no CASE).")
    boolean summaryOnly;

    @Option(names = "--no-counterfactuals", negatable = false,
            description = "Skip the search for counterfactuals (faster on large batches).")
    boolean noCounterfactuals;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<InputProblem> problems = new ArrayList<>();

        Optional<PolicyPack> override = Optional.empty();
        if (policy != null) {
            try {
                override = Optional.of(PolicyPacks.builtIn().resolve(policy));
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> err.println("redflag: " + p));
                return ExitCode.BAD_INPUT;
            }
        }
        if (asOf != null && FactTime.parse(asOf, java.time.ZoneOffset.UTC).isEmpty()) {
            err.println("redflag: --as-of: expected an ISO-8601 date (2024-03-01) or date-time"
                    + " (2024-03-01T10:00:00+08:00); found \"" + asOf + "\"");
            return ExitCode.BAD_INPUT;
        }

        boolean bundled = cases.isEmpty();
        List<CaseSource> sources = bundled ? CaseSource.bundled() : CaseSource.expand(cases, problems);
        boolean batch = sources.size() + problems.size() > 1;
        boolean onlyTable = summaryOnly || bundled;

        CaseReader reader = new CaseReader();
        Assessor assessor = new Assessor();
        Assessor.Options options = new Assessor.Options(Optional.ofNullable(asOf), !noCounterfactuals);
        SummaryTable table = new SummaryTable();
        ArrayNode json = JsonMapper.shared().createArrayNode();
        problems.forEach(p -> table.addBad(p.file()));
        for (CaseSource source : sources) {
            try {
                CaseFacts facts = source.read(reader);
                PolicyPack pack = override.isPresent() ? override.get() : PolicyPacks.builtIn()
                        .find(facts.jurisdiction()).orElseThrow(() -> new InvalidInputException(new InputProblem(
                                source.name(), 0, "$.jurisdiction", "no shipped policy pack has the id \""
                                + facts.jurisdiction() + "\" (shipped: " + String.join(", ", PolicyPacks.BUILT_IN)
                                + "); give --policy FILE for a custom pack")));
                Assessment a = assessor.assess(facts, pack, options);
                table.add(a);
                if (format == Format.json) {
                    json.add(AssessmentJson.toJson(a));
                } else if (!onlyTable) {
                    if (batch && table.size() > 1) {
                        out.println("=".repeat(100));
                    }
                    out.print(TextReport.render(a));
                    out.flush();
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
                table.addBad(source.name());
            }
        }
        problems.forEach(p -> err.println("redflag: " + p));
        err.flush();

        if (format == Format.json && (batch || bundled)) {
            out.println(AssessmentJson.write(json));
            out.flush();
            table.print(err);
        } else if (format == Format.json) {
            if (!json.isEmpty()) {
                out.println(AssessmentJson.write(json.get(0)));
                out.flush();
            }
        } else if (batch || bundled) {
            if (!onlyTable) {
                out.println("=".repeat(100));
            }
            table.print(out);
        }
        if (!problems.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        return table.anyMiss() ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
