package org.redflag.liability;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redflag.law.PolicyPack;
import org.redflag.law.Provision;

/**
 * One assessment in progress: the facts, the pack, and the moment of judgment. Dates are read here, against the
 * pack's time zone; the case reader has already refused any that do not parse.
 */
final class Context {

    final CaseFacts facts;
    final PolicyPack pack;
    final ZoneId zone;
    /** The moment of judgment; empty for a closed record (judged after every fact and deadline). */
    final Optional<FactTime> moment;
    final String momentWords;

    Context(CaseFacts facts, PolicyPack pack, Optional<String> asOf) {
        this.facts = facts;
        this.pack = pack;
        this.zone = pack.timeZone();
        String explicit = asOf.orElse(facts.assessedAt());
        if (explicit != null) {
            this.moment = time(explicit);
            this.momentWords = explicit + (asOf.isPresent() ? " (the as-of moment asked for)" : " (the case's assessedAt)");
        } else if ("LATEST_DATE".equals(pack.absentAssessedAt().value())) {
            this.moment = latestFact();
            this.momentWords = moment.map(m -> m.show(zone) + " (the latest date in the case)")
                    .orElse("no date in the case; judged as a closed record");
        } else {
            this.moment = Optional.empty();
            this.momentWords = "a closed record: after every fact and deadline in the case";
        }
    }

    /** Results a rule reuses within this assessment, by key. */
    private final java.util.Map<Object, Object> memo = new java.util.HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    /** Times read so far: a rule reads each action's time once per moment of knowledge, the text is read once. */
    private final java.util.Map<String, Optional<FactTime>> times = new java.util.HashMap<>();

    Optional<FactTime> time(String text) {
        if (text == null) {
            return FactTime.parse(null, zone);
        }
        Optional<FactTime> t = times.get(text);
        if (t == null) {
            t = FactTime.parse(text, zone);
            times.put(text, t);
        }
        return t;
    }

    /** Whether a fact at {@code at} had happened by the moment of judgment; unknown times are taken to have. */
    boolean happened(String at) {
        if (moment.isEmpty() || at == null) {
            return true;
        }
        Optional<FactTime> t = time(at);
        return t.isEmpty() || !t.get().earliest().isAfter(moment.get().latest());
    }

    /** Whether the moment of judgment certainly falls before {@code deadline}: the deadline is still running. */
    boolean stillRunning(FactTime deadline) {
        return moment.isPresent() && moment.get().latest().isBefore(deadline.earliest());
    }

    String show(FactTime t) {
        return t.show(zone);
    }

    String show(Instant t) {
        return FactTime.show(t, zone);
    }

    Provision provision(String id) {
        return pack.provision(id);
    }

    private Optional<FactTime> latestFact() {
        List<String> dates = new ArrayList<>();
        facts.notices().forEach(n -> dates.add(n.receivedAt()));
        facts.platformActions().forEach(a -> dates.add(a.at()));
        facts.counterNotices().forEach(c -> {
            dates.add(c.receivedAt());
            dates.add(c.forwardedAt());
        });
        facts.foreignOrders().forEach(o -> {
            dates.add(o.issuedAt());
            dates.add(o.servedAt());
            dates.add(o.implementedAt());
        });
        dates.add(facts.rightsHolderActionFiledAt());
        return dates.stream().map(this::time).flatMap(Optional::stream)
                .max((a, b) -> a.latest().compareTo(b.latest()));
    }
}
