package org.redflag.liability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One step of the reasoning: the rule that was considered, whether it applied, what it concluded, the facts it read
 * and the provisions it rests on, with the steps beneath it. Rules that did not apply are recorded too. The text
 * report and the JSON {@code findings} are both rendered from this tree.
 */
public record TraceNode(String rule, Step step, Outcome outcome, String conclusion, List<String> facts,
                        List<String> citations, List<TraceNode> children) {

    /** What kind of question a step answers. */
    public enum Step { TIME, DUTY, SAFE_HARBOUR, KNOWLEDGE, RED_FLAG, NOTICE, MEASURES, RESTORATION, OUTCOME, NOTIFIER,
        OBLIGATIONS, JUDICIAL_TEST }

    /** APPLIED: the rule's condition held; NOT_APPLIED: it was checked and did not hold; SKIPPED: not reached. */
    public enum Outcome { APPLIED, NOT_APPLIED, SKIPPED }

    public TraceNode {
        facts = List.copyOf(facts);
        citations = List.copyOf(citations);
        children = List.copyOf(children);
    }

    public static TraceNode leaf(String rule, Step step, Outcome outcome, String conclusion, List<String> facts,
                                 List<String> citations) {
        return new TraceNode(rule, step, outcome, conclusion, facts, citations, List.of());
    }

    /** This node and every node beneath it, parents before children, in reasoning order. */
    public List<TraceNode> flatten() {
        List<TraceNode> out = new ArrayList<>();
        walk(out::add);
        return out;
    }

    public void walk(Consumer<TraceNode> visitor) {
        visitor.accept(this);
        children.forEach(c -> c.walk(visitor));
    }
}
