package org.redflag.app.law;

import java.util.List;
import org.redflag.law.DutyOfCareRules;
import org.redflag.law.MeasureGroup;
import org.redflag.law.Parameter;
import org.redflag.law.PlatformService;
import org.redflag.law.PolicyPack;
import org.redflag.law.Provision;
import org.redflag.law.RedFlag;
import org.redflag.law.TimeLimit;

/** A policy pack as a person reads it: every parameter with its unit, references and note. */
final class PackPrinter {

    private final StringBuilder out = new StringBuilder();

    private PackPrinter() {
    }

    static String render(PolicyPack p) {
        PackPrinter r = new PackPrinter();
        r.pack(p);
        return r.out.toString();
    }

    private void pack(PolicyPack p) {
        line("Policy pack " + p.id() + " " + p.version() + ": " + p.name());
        line("Time zone " + p.timeZone() + "; read from " + p.source());
        line("");
        line("DUTY OF CARE (by business model)");
        DutyOfCareRules d = p.dutyOfCare();
        for (PlatformService s : PlatformService.values()) {
            DutyOfCareRules.ServiceDuty duty = d.services().get(s);
            line("  " + s + " → " + duty.level() + "  " + refs(duty.references()));
            duty.obligations().forEach(o -> line("      obligation: " + o.text() + " (" + o.measure().key() + ")  "
                    + refs(o.references())));
            duty.exemptions().forEach(e -> line("      exemption:  " + e.text() + "  " + refs(e.references())));
        }
        param("  active intervention raises the duty by", d.activeInterventionRaisesBy());
        param("  active role loses the safe harbour", d.activeRoleLosesSafeHarbour());
        line("  presenting offers as its own: no safe harbour  " + refs(d.offersAsOwnReferences()));
        d.safeHarbourPrerequisites().forEach(o -> line("  safe-harbour prerequisite: " + o.text() + "  "
                + refs(o.references())));
        line("");
        line("NOTICES");
        p.notice().requiredElements().forEach(e -> line("  required: " + e.text() + " (" + e.element().key() + ")  "
                + refs(e.references())));
        line("  the language of a notice is never a deficiency  " + refs(p.notice().languageNeutralReferences()));
        limit("  response deadline", p.notice().responseDeadline());
        measures("  necessary measures", p.notice().measures());
        p.counterNotice().ifPresent(c -> {
            line("");
            line("COUNTER-NOTICES");
            limit("  waiting period (from " + c.runsFrom().name().toLowerCase() + ")", c.waitingPeriod());
            c.restoreBy().ifPresent(r -> limit("  restore at the latest after", r));
        });
        if (!p.calendar().holidays().isEmpty()) {
            line("  business days skip weekends and " + p.calendar().holidays().size() + " listed holidays  "
                    + refs(p.calendar().references()));
        }
        line("");
        line("RED FLAGS (constructive knowledge)");
        for (RedFlag f : RedFlag.values()) {
            p.redFlags().rule(f).ifPresentOrElse(
                    r -> line(String.format("  %-24s counts from %-8s %s  %s", f, r.countsFrom(), r.text(),
                            refs(r.references()))),
                    () -> line(String.format("  %-24s not counted in this pack", f)));
        }
        param("  price ratio", p.redFlags().priceRatio());
        param("  sales multiple", p.redFlags().salesMultiple());
        param("  negative-review multiple", p.redFlags().negativeReviewMultiple());
        param("  smallest category compared", p.redFlags().minCategoryListings());
        param("  repeat-notice threshold", p.redFlags().repeatNoticeThreshold());
        var w = p.redFlags().riskWeights();
        line(String.format(java.util.Locale.ROOT, "  risk weights: unambiguous term %s, term beside a brand %s, price %s,"
                + " sales %s, banned seller %s, foreign order %s  %s", w.keywordAlone(), w.keywordWithBrand(),
                w.priceBelowGenuine(), w.salesAnomaly(), w.linkedToBannedSeller(), w.foreignOrder(),
                refs(w.references())));
        line("  counterfeit terms alone: " + String.join(", ", p.redFlags().counterfeitTerms().alone()));
        line("  with a brand only:       " + String.join(", ", p.redFlags().counterfeitTerms().withBrand()));
        line("  legitimate phrases:      " + String.join(", ", p.redFlags().counterfeitTerms().notTerms()));
        measures("  measures after a red flag", p.redFlags().measures());
        line("");
        line("ERRONEOUS NOTICES  " + refs(p.erroneousNotice().references()));
        param("  malicious notice multiplier", p.erroneousNotice().maliciousMultiplier());
        param("  good faith + legal report reduces liability", p.erroneousNotice().reportReducesLiability());
        param("  absent goodFaith reads as", p.erroneousNotice().absentGoodFaith());
        line("");
        line("JUDICIAL TEST  " + refs(p.judicialTestReferences()));
        param("  'much less' ratio", p.muchLessRatio());
        line("");
        line("PRESUMPTIONS");
        param("  uncertain timing", p.uncertainTiming());
        param("  case without assessedAt", p.absentAssessedAt());
        p.appealWindow().ifPresent(a -> limit("  appeal window", a));
        p.strikes().ifPresent(s -> {
            line("");
            line("STRIKES  " + refs(s.references()));
            limit("  strikes count for", s.window());
            s.ladder().forEach(step -> line("  strike " + step.strike() + " → " + step.action()
                    + step.period().map(per -> " for " + per.words()).orElse("") + "  " + refs(step.references())));
        });
        line("");
        line("PROVISIONS");
        for (Provision pr : p.provisions().values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            line("  [" + pr.id() + "] " + pr.label());
            line("      " + pr.text());
        }
    }

    private void param(String label, Parameter<?> p) {
        String v = p.value() instanceof java.math.BigDecimal b ? b.stripTrailingZeros().toPlainString()
                : p.value() instanceof Boolean yes ? (yes ? "yes" : "no") : String.valueOf(p.value());
        String unit = switch (p.unit()) {
            case "FLAG", "CHOICE", "RATIO" -> "";
            case "MULTIPLE" -> "×";
            default -> " " + p.unit().toLowerCase(java.util.Locale.ROOT);
        };
        if ("1".equals(v) && unit.endsWith("s")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        line(label + ": " + v + unit + "  " + refs(p.references()));
        if (p.note() != null) {
            line("      note: " + p.note());
        }
    }

    private void limit(String label, TimeLimit t) {
        line(label + ": " + t.words() + "  " + refs(t.references()));
        if (t.note() != null) {
            line("      note: " + t.note());
        }
    }

    private void measures(String label, List<MeasureGroup> groups) {
        groups.forEach(g -> line(label + ": " + g.text() + " (any of " + g.anyOf().stream().sorted()
                .map(Enum::name).toList() + ")  " + refs(g.references())));
    }

    private static String refs(List<String> refs) {
        return refs.isEmpty() ? "" : "[" + String.join(", ", refs) + "]";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
