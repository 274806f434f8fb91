package org.redflag.liability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.redflag.law.PolicyPack;
import org.redflag.law.Provision;

/**
 * An assessment as a person reads it: the outcome first; then the reasoning, step by step, rendered from the trace
 * tree (rules that did not apply marked as such); Table 2 obligations; the judicial test; the counterfactuals; and
 * the provisions cited, in full.
 */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Assessment a) {
        StringBuilder out = new StringBuilder();
        CaseFacts c = a.input();
        PolicyPack pack = a.pack();
        out.append("Case ").append(c.id());
        if (c.title() != null) {
            out.append(": ").append(c.title());
        }
        out.append('\n');
        out.append("Policy pack ").append(pack.label()).append(" (").append(pack.name()).append(")\n");
        out.append("Judged at ").append(a.assessedAt()).append("\n\n");

        out.append("OUTCOME  ").append(a.liability()).append(" — the platform is ")
                .append(OutcomeRule.words(a.liability())).append('\n');
        out.append("         knowledge ").append(a.knowledge())
                .append(a.knowledgeSince().map(t -> " since " + t.show(pack.timeZone())).orElse(""))
                .append(" · duty of care ").append(a.dutyOfCare())
                .append(" · safe harbour ").append(a.safeHarbour()).append('\n');
        if (!a.redFlags().isEmpty()) {
            out.append("         red flags: ");
            List<String> codes = new ArrayList<>();
            a.redFlags().forEach(f -> codes.add(f.code().name()));
            out.append(String.join(", ", codes)).append('\n');
        }
        a.agreesWithExpected().ifPresent(ok -> out.append("         expected: ")
                .append(expected(c)).append(ok ? " — agrees" : " — DISAGREES").append('\n'));
        out.append('\n');

        out.append("REASONING\n");
        for (TraceNode step : a.trace().children()) {
            if (step.step() == TraceNode.Step.OBLIGATIONS || step.step() == TraceNode.Step.JUDICIAL_TEST) {
                continue;
            }
            node(out, step, 1);
        }
        out.append('\n');

        out.append("TABLE 2 OBLIGATIONS AND EXEMPTIONS\n");
        if (a.obligations().isEmpty()) {
            out.append("  (none for these business models)\n");
        }
        a.obligations().forEach(o -> out.append("  ").append(mark(o.status())).append(' ').append(o.kind())
                .append(": ").append(o.text()).append("  ").append(cites(o.citations())).append('\n'));
        out.append('\n');

        out.append("JUDICIAL TEST (reported beside the outcome)\n");
        a.judicialTest().forEach(j -> out.append("  ").append(j.question()).append(' ').append(j.answer())
                .append(" — ").append(j.reason()).append('\n'));
        out.append('\n');

        out.append("COUNTERFACTUALS\n");
        if (a.counterfactuals().isEmpty()) {
            out.append("  No single change to the facts tried would change the outcome.\n");
        }
        a.counterfactuals().forEach(s -> out.append("  • ").append(s).append('\n'));
        if (a.notifierLiability().isPresent()) {
            out.append('\n').append("ERRONEOUS NOTICE\n");
            var n = a.notifierLiability().get();
            out.append("  notifier towards the seller: ").append(n.liability()).append("; platform towards the seller: ")
                    .append(n.platformTowardsSeller()).append('\n');
            n.reasons().forEach(r -> out.append("  · ").append(r).append('\n'));
        }
        out.append('\n').append("PROVISIONS CITED\n");
        Set<String> ids = new LinkedHashSet<>();
        a.trace().walk(t -> ids.addAll(t.citations()));
        for (String id : ids) {
            Provision p = pack.provision(id);
            out.append("  [").append(id).append("] ").append(p.label()).append(": ").append(p.text()).append('\n');
        }
        return out.toString();
    }

    private static void node(StringBuilder out, TraceNode t, int depth) {
        String indent = "  ".repeat(depth);
        String mark = switch (t.outcome()) {
            case APPLIED -> "✔";
            case NOT_APPLIED -> "✘";
            case SKIPPED -> "–";
        };
        out.append(indent).append(mark).append(' ').append(t.rule()).append(": ").append(t.conclusion());
        if (!t.citations().isEmpty()) {
            out.append("  ").append(cites(t.citations()));
        }
        out.append('\n');
        for (String f : t.facts()) {
            out.append(indent).append("    · ").append(f).append('\n');
        }
        t.children().forEach(c -> node(out, c, depth + 1));
    }

    private static String cites(List<String> ids) {
        return ids.isEmpty() ? "" : "[" + String.join(", ", ids) + "]";
    }

    private static String mark(Assessment.ObligationCheck.Status s) {
        return switch (s) {
            case MET -> "✔";
            case UNMET -> "✘";
            case NOT_TESTED -> "–";
        };
    }

    static String expected(CaseFacts c) {
        CaseFacts.Expected e = c.expected();
        List<String> parts = new ArrayList<>();
        if (e.platformLiable() != null) {
            parts.add(e.platformLiable() ? "liable" : "not liable");
        }
        if (e.knowledge() != null) {
            parts.add("knowledge " + e.knowledge());
        }
        return String.join(", ", parts);
    }
}
