package org.redflag.liability;

import static org.redflag.liability.TraceNode.Outcome.APPLIED;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.law.DutyOfCareRules;
import org.redflag.law.Obligation;
import org.redflag.law.PlatformMeasure;
import org.redflag.law.PlatformService;

/**
 * Rule {@code obligations.table2}: the obligations and exemption conditions of the platform's business models
 * (source paper, Table 2), and of active intervention where there was any, each met or not. Reported beside the
 * outcome; the outcome itself rests on knowledge and measures.
 */
final class ObligationsRule {

    record Result(List<Assessment.ObligationCheck> checks, TraceNode trace) {
    }

    static Result apply(Context ctx, List<MeasuresRule.Result> measures) {
        DutyOfCareRules rules = ctx.pack.dutyOfCare();
        CaseFacts.Platform p = ctx.facts.platform();
        Map<PlatformMeasure, Obligation> obligations = new LinkedHashMap<>();
        List<DutyOfCareRules.Exemption> exemptions = new ArrayList<>();
        for (PlatformService s : p.services()) {
            DutyOfCareRules.ServiceDuty duty = rules.services().get(s);
            duty.obligations().forEach(o -> obligations.putIfAbsent(o.measure(), o));
            duty.exemptions().stream().filter(e -> exemptions.stream().noneMatch(x -> x.condition() == e.condition()))
                    .forEach(exemptions::add);
        }
        if (p.activeRole()) {
            rules.activeInterventionObligations().forEach(o -> obligations.putIfAbsent(o.measure(), o));
        }
        List<Assessment.ObligationCheck> checks = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (Obligation o : obligations.values()) {
            boolean met = p.measures().has(o.measure());
            checks.add(new Assessment.ObligationCheck("obligation", o.text(),
                    met ? Assessment.ObligationCheck.Status.MET : Assessment.ObligationCheck.Status.UNMET,
                    o.references()));
            facts.add("platform.measures." + o.measure().key() + " = " + met);
        }
        for (DutyOfCareRules.Exemption e : exemptions) {
            Assessment.ObligationCheck.Status status = switch (e.condition()) {
                case PROMPT_REMOVAL -> measures.isEmpty() ? Assessment.ObligationCheck.Status.NOT_TESTED
                        : measures.stream().allMatch(m -> m.verdict() != MeasuresRule.Verdict.FAILED)
                        ? Assessment.ObligationCheck.Status.MET : Assessment.ObligationCheck.Status.UNMET;
                case SUPPLY_CHAIN_TRACEABILITY -> met(p.measures().supplyChainTraceability());
                case MONITORING_SYSTEM_UPDATED -> met(p.measures().monitoringSystemUpdatedAt() != null);
                case COMPENSATION_DEPOSIT -> met(p.measures().compensationDeposit());
            };
            checks.add(new Assessment.ObligationCheck("exemption", e.text(), status, e.references()));
        }
        long unmet = checks.stream().filter(c -> c.status() == Assessment.ObligationCheck.Status.UNMET).count();
        List<String> citations = new ArrayList<>();
        checks.forEach(c -> c.citations().stream().filter(r -> !citations.contains(r)).forEach(citations::add));
        TraceNode node = TraceNode.leaf("obligations.table2", TraceNode.Step.OBLIGATIONS, APPLIED,
                checks.size() - unmet + " of " + checks.size() + " obligations and exemption conditions met", facts,
                citations);
        return new Result(checks, node);
    }

    private static Assessment.ObligationCheck.Status met(boolean b) {
        return b ? Assessment.ObligationCheck.Status.MET : Assessment.ObligationCheck.Status.UNMET;
    }
}
