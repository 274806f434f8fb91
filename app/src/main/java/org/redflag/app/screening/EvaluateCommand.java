package org.redflag.app.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.law.RedFlag;
import org.redflag.source.FileProblems;
import org.redflag.source.Utf8Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code redflag evaluate}: precision and recall of screening results against ground truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare screening results with ground-truth labels (both JSON lines, matched by listing id, in"
                + " the same order) and print precision and recall per detector. Labels without a result (the"
                + " lines a screen skipped) are counted on standard error and left out.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--labels", paramLabel = "FILE", description = "labels.jsonl from generate, for screening"
            + " results.")
    Path labels;

    @Option(names = "--seller-labels", paramLabel = "FILE", description = "seller-labels.jsonl from generate, for"
            + " link results: recall of re-registrations linked to the right banned seller, and innocent sellers"
            + " linked.")
    Path sellerLabels;

    @Parameters(paramLabel = "RESULTS", description = "results.jsonl from screen.")
    Path results;

    /** A line of RESULTS or of the labels that is not what evaluate reads: exit 2, naming the file, line and field. */
    private static final class BadLine extends RuntimeException {
        BadLine(Path file, long line, String field, String message) {
            super(file + ": line " + line + ": " + (field == null ? "" : field + ": ") + message);
        }
    }

    /** The next line of {@code file}, or null at its end; bytes that are not UTF-8 are a bad line. */
    private static String next(BufferedReader in, Path file) throws IOException {
        try {
            return in.readLine();
        } catch (Utf8Text.NotUtf8 e) {
            throw new BadLine(file, e.line(), null, e.problem());
        }
    }

    private static JsonNode json(String text, Path file, long line) {
        try {
            JsonNode n = JsonMapper.shared().readTree(text);
            if (n == null || !n.isObject()) {
                throw new BadLine(file, line, null, "expected a JSON object");
            }
            return n;
        } catch (tools.jackson.core.JacksonException e) {
            throw new BadLine(file, line, null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, String field, Path file, long line) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString()) {
            throw new BadLine(file, line, field, "required, a string" + (n.has("title") ? " (this looks like a"
                    + " listings feed: evaluate the results of screening it, against the labels generate wrote)"
                    : field.equals("listingId") && n.has("sellerId")
                    ? " (this looks like a link result: evaluate it with --seller-labels)"
                    : field.equals("sellerId") && n.has("listingId") ? " (this looks like a screening result:"
                    + " evaluate it with --labels)" : ""));
        }
        return v.asString();
    }

    private static JsonNode array(JsonNode n, String field, Path file, long line) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new BadLine(file, line, field, "required, an array");
        }
        return v;
    }

    private static RedFlag code(String value, String field, Path file, long line) {
        try {
            return RedFlag.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadLine(file, line, field, "unknown red flag \"" + value + "\"; expected one of "
                    + java.util.Arrays.toString(RedFlag.values()));
        }
    }

    @Override
    public Integer call() throws IOException {
        try {
            return evaluate();
        } catch (BadLine e) {
            spec.commandLine().getErr().println("redflag: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
    }

    private Integer evaluate() throws IOException {
        if ((labels == null) == (sellerLabels == null)) {
            spec.commandLine().getErr().println("redflag: give --labels (screening) or --seller-labels (linking)");
            return ExitCode.BAD_INPUT;
        }
        String unusable = FileProblems.first(java.util.Arrays.asList(labels, sellerLabels, results));
        if (unusable != null) {
            spec.commandLine().getErr().println("redflag: " + unusable);
            return ExitCode.BAD_INPUT;
        }
        if (sellerLabels != null) {
            return links();
        }
        Map<RedFlag, long[]> tally = new EnumMap<>(RedFlag.class);
        for (RedFlag f : RedFlag.values()) {
            tally.put(f, new long[3]);
        }
        long n = 0;
        long unmatched;
        try (BufferedReader l = Utf8Text.open(labels); BufferedReader r = Utf8Text.open(results)) {
            Map<String, Set<RedFlag>> pending = new java.util.HashMap<>();
            String resultLine;
            long resultNumber = 0;
            long labelNumber = 0;
            while ((resultLine = next(r, results)) != null) {
                resultNumber++;
                if (resultLine.isBlank()) {
                    continue;
                }
                JsonNode result = json(resultLine, results, resultNumber);
                String id = text(result, "listingId", results, resultNumber);
                Set<RedFlag> truth = pending.remove(id);
                while (truth == null) {
                    String labelLine = next(l, labels);
                    if (labelLine == null) {
                        spec.commandLine().getErr().println("redflag: " + results + ": listing " + id
                                + " has no label in " + labels);
                        return ExitCode.BAD_INPUT;
                    }
                    labelNumber++;
                    long at = labelNumber;
                    JsonNode label = json(labelLine, labels, at);
                    Set<RedFlag> codes = EnumSet.noneOf(RedFlag.class);
                    array(label, "flags", labels, at).forEach(c -> codes.add(code(c.asString(), "flags", labels, at)));
                    String lid = text(label, "listingId", labels, at);
                    if (lid.equals(id)) {
                        truth = codes;
                    } else {
                        pending.put(lid, codes);
                    }
                }
                Set<RedFlag> found = EnumSet.noneOf(RedFlag.class);
                long at = resultNumber;
                array(result, "flags", results, at).forEach(f -> found.add(code(text(f, "code", results, at),
                        "flags[].code", results, at)));
                for (RedFlag f : RedFlag.values()) {
                    long[] t = tally.get(f);
                    if (found.contains(f) && truth.contains(f)) {
                        t[0]++;
                    } else if (found.contains(f)) {
                        t[1]++;
                    } else if (truth.contains(f)) {
                        t[2]++;
                    }
                }
                n++;
            }
            unmatched = pending.size();
            for (String rest = next(l, labels); rest != null; rest = next(l, labels)) {
                unmatched += rest.isBlank() ? 0 : 1;
            }
        }
        if (n == 0) {
            spec.commandLine().getErr().println("redflag: " + results + ": no screening results to evaluate");
            return ExitCode.BAD_INPUT;
        }
        if (unmatched > 0) { // a screen skips the lines it cannot read: their labels have no result
            spec.commandLine().getErr().printf("redflag: %,d labelled listing%s in %s ha%s no result in %s and"
                    + " %s not evaluated%n", unmatched, unmatched == 1 ? "" : "s", labels, unmatched == 1 ? "s" : "ve",
                    results, unmatched == 1 ? "was" : "were");
            spec.commandLine().getErr().flush();
        }
        var out = spec.commandLine().getOut();
        out.printf("%-24s %9s %9s %9s %10s %8s%n", "DETECTOR", "TRUE+", "FALSE+", "MISSED", "PRECISION", "RECALL");
        for (RedFlag f : RedFlag.values()) {
            long[] t = tally.get(f);
            if (t[0] + t[1] + t[2] == 0) {
                continue;
            }
            out.printf("%-24s %,9d %,9d %,9d %10.4f %8.4f%n", f, t[0], t[1], t[2],
                    t[0] + t[1] == 0 ? 1.0 : (double) t[0] / (t[0] + t[1]),
                    t[0] + t[2] == 0 ? 1.0 : (double) t[0] / (t[0] + t[2]));
        }
        out.printf("%,d listing%s evaluated%n", n, n == 1 ? "" : "s");
        out.flush();
        return ExitCode.OK;
    }

    private Integer links() throws IOException {
        Map<String, String> origin = new java.util.HashMap<>();
        try (BufferedReader l = Utf8Text.open(sellerLabels)) {
            String line;
            long number = 0;
            while ((line = next(l, sellerLabels)) != null) {
                number++;
                if (!line.isBlank()) {
                    JsonNode n = json(line, sellerLabels, number);
                    JsonNode o = n.get("reRegistrationOf");
                    origin.put(text(n, "sellerId", sellerLabels, number), o == null || o.isNull() ? null
                            : o.asString());
                }
            }
        }
        long reRegistrations = origin.values().stream().filter(java.util.Objects::nonNull).count();
        long right = 0;
        long wrong = 0;
        long innocent = 0;
        long evaluated = 0;
        try (BufferedReader r = Utf8Text.open(results)) {
            String line;
            long number = 0;
            while ((line = next(r, results)) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json(line, results, number);
                String seller = text(n, "sellerId", results, number);
                evaluated++;
                String truth = origin.get(seller);
                if (truth == null) {
                    innocent++;
                    continue;
                }
                boolean found = false;
                for (JsonNode b : array(n, "linkedBanned", results, number)) {
                    found |= text(b, "sellerId", results, number).equals(truth);
                }
                if (found) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        if (evaluated == 0) {
            spec.commandLine().getErr().println("redflag: " + results + ": no link results to evaluate");
            return ExitCode.BAD_INPUT;
        }
        var out = spec.commandLine().getOut();
        out.printf("re-registrations: %,d; linked to the right banned seller: %,d (recall %.4f); linked elsewhere:"
                + " %,d%n", reRegistrations, right, reRegistrations == 0 ? 1.0 : (double) right / reRegistrations,
                wrong);
        out.printf("innocent sellers linked: %,d of %,d%n", innocent, origin.size() - reRegistrations);
        out.flush();
        return ExitCode.OK;
    }
}
