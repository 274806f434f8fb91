package org.redflag.app.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.redflag.app.Redflag;
import org.redflag.law.RedFlag;
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
                + " the same order) and print precision and recall per detector.")
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

    @Override
    public Integer call() throws IOException {
        if ((labels == null) == (sellerLabels == null)) {
            spec.commandLine().getErr().println("redflag: give --labels (screening) or --seller-labels (linking)");
            return Redflag.BAD_INPUT;
        }
        if (sellerLabels != null) {
            return links();
        }
        Map<RedFlag, long[]> tally = new EnumMap<>(RedFlag.class);
        for (RedFlag f : RedFlag.values()) {
            tally.put(f, new long[3]);
        }
        long n = 0;
        try (BufferedReader l = Files.newBufferedReader(labels, StandardCharsets.UTF_8);
             BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            Map<String, Set<RedFlag>> pending = new java.util.HashMap<>();
            String resultLine;
            while ((resultLine = r.readLine()) != null) {
                if (resultLine.isBlank()) {
                    continue;
                }
                JsonNode result = JsonMapper.shared().readTree(resultLine);
                String id = result.get("listingId").asString();
                Set<RedFlag> truth = pending.remove(id);
                while (truth == null) {
                    String labelLine = l.readLine();
                    if (labelLine == null) {
                        spec.commandLine().getErr().println("redflag: " + results + ": listing " + id
                                + " has no label in " + labels);
                        return Redflag.BAD_INPUT;
                    }
                    JsonNode label = JsonMapper.shared().readTree(labelLine);
                    Set<RedFlag> codes = EnumSet.noneOf(RedFlag.class);
                    label.get("flags").forEach(c -> codes.add(RedFlag.valueOf(c.asString())));
                    String lid = label.get("listingId").asString();
                    if (lid.equals(id)) {
                        truth = codes;
                    } else {
                        pending.put(lid, codes);
                    }
                }
                Set<RedFlag> found = EnumSet.noneOf(RedFlag.class);
                result.get("flags").forEach(f -> found.add(RedFlag.valueOf(f.get("code").asString())));
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
        out.printf("%,d listings evaluated%n", n);
        out.flush();
        return Redflag.OK;
    }

    private Integer links() throws IOException {
        Map<String, String> origin = new java.util.HashMap<>();
        try (BufferedReader l = Files.newBufferedReader(sellerLabels, StandardCharsets.UTF_8)) {
            String line;
            while ((line = l.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JsonMapper.shared().readTree(line);
                    JsonNode o = n.get("reRegistrationOf");
                    origin.put(n.get("sellerId").asString(), o == null || o.isNull() ? null : o.asString());
                }
            }
        }
        long reRegistrations = origin.values().stream().filter(java.util.Objects::nonNull).count();
        long right = 0;
        long wrong = 0;
        long innocent = 0;
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JsonMapper.shared().readTree(line);
                String seller = n.get("sellerId").asString();
                String truth = origin.get(seller);
                if (truth == null) {
                    innocent++;
                    continue;
                }
                boolean found = false;
                for (JsonNode b : n.get("linkedBanned")) {
                    found |= b.get("sellerId").asString().equals(truth);
                }
                if (found) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        var out = spec.commandLine().getOut();
        out.printf("re-registrations: %,d; linked to the right banned seller: %,d (recall %.4f); linked elsewhere:"
                + " %,d%n", reRegistrations, right, reRegistrations == 0 ? 1.0 : (double) right / reRegistrations,
                wrong);
        out.printf("innocent sellers linked: %,d of %,d%n", innocent, origin.size() - reRegistrations);
        out.flush();
        return Redflag.OK;
    }
}
