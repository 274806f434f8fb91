package org.redflag.law;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned, immutable set of legal parameters for one jurisdiction. Every parameter names the provisions it rests
 * on; every provision a pack names is in {@link #provisions()}. Read by {@link PolicyPacks}.
 */
public record PolicyPack(
        String id,
        String version,
        String name,
        ZoneId timeZone,
        Map<String, Provision> provisions,
        DutyOfCareRules dutyOfCare,
        NoticeRules notice,
        Optional<CounterNoticeRules> counterNotice,
        BusinessCalendar calendar,
        RedFlagRules redFlags,
        ErroneousNoticeRules erroneousNotice,
        List<String> judicialTestReferences,
        Parameter<BigDecimal> muchLessRatio,
        Parameter<String> uncertainTiming,
        Parameter<String> absentAssessedAt,
        Optional<TimeLimit> appealWindow,
        Optional<StrikeRules> strikes,
        Optional<NotifierRules> notifiers,
        Optional<IdentityRules> identity,
        String source) {

    public PolicyPack {
        provisions = Map.copyOf(provisions);
        judicialTestReferences = List.copyOf(judicialTestReferences);
    }

    /** The provision with this id; packs are checked on reading so that every id they use resolves. */
    public Provision provision(String id) {
        Provision p = provisions.get(id);
        if (p == null) {
            throw new IllegalArgumentException("pack " + this.id + " has no provision " + id);
        }
        return p;
    }

    /** "CN 2024.2". */
    public String label() {
        return id + " " + version;
    }
}
