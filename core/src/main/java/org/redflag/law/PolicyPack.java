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
        String timeZoneId,
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

    /**
     * The pack's time zone (an IANA id, checked when a pack file is read). Resolved when asked for, not when the
     * pack is read: the first region zone a process resolves makes Java look for zone-rule providers in every jar
     * on the class path, about a twentieth of a second that a command which never asks (screen) does not spend.
     */
    public ZoneId timeZone() {
        return ZoneId.of(timeZoneId);
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
