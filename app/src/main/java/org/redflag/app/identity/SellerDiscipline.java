package org.redflag.app.identity;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.redflag.app.law.Packs;
import org.redflag.app.problem.ApiException;
import org.redflag.discipline.Discipline;
import org.redflag.discipline.MoneyLedger;
import org.redflag.law.IdentityRules;
import org.redflag.law.PolicyPack;
import org.redflag.law.StrikeRules;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Strikes that follow a seller's identity and the money that answers for them, kept in the database: the pack's
 * ladder ({@code strikes}) and deposit formula ({@code identity}) applied by {@link Discipline} to the identity's
 * strikes and balances as stored. The identity is every account the seller reaches over shared strong identifiers
 * ({@link RegistrationCheck#identity}); its seller rows are locked for the length of a change, so two strikes on one
 * identity are counted one after the other. Terminating sets the accounts' status to TERMINATED and bans them (a
 * registration linked to them is then held or blocked, and they are exported to partners as credit records);
 * reversing that strike sets them back to ACTIVE and lifts the ban.
 */
@Service
public class SellerDiscipline {

    public enum MoneyKind { DEPOSIT, FUNDS }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RegistrationCheck check;
    private final StrikeRules rules;
    private final IdentityRules identityRules;
    private final PolicyPack pack;
    private final org.springframework.beans.factory.ObjectProvider<SchedulerClient> scheduler;

    private final SellerIndex index;

    public SellerDiscipline(JdbcClient jdbc, Clock clock, RegistrationCheck check, Packs packs, SellerIndex index,
                            @Lazy org.springframework.beans.factory.ObjectProvider<SchedulerClient> scheduler) {
        this.index = index;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.clock = clock;
        this.check = check;
        this.pack = packs.defaultPack();
        this.rules = pack.strikes().orElseThrow(() ->
                new IllegalStateException("policy pack " + pack.id() + " has no strike rules"));
        this.identityRules = pack.identity().orElseThrow(() ->
                new IllegalStateException("policy pack " + pack.id() + " has no identity rules"));
    }

    /** A strike for a notice against a seller, with its consequence for the whole identity. */
    @Transactional
    public Map<String, Object> strike(String sellerId, String reference, String rightHolder, long claim) {
        List<String> identity = lockIdentity(sellerId);
        record(sellerId, identity, reference, rightHolder, claim);
        return view(sellerId, identity);
    }

    /** Records a strike as {@link #strike} does and returns its id. */
    @Transactional
    public long record(String sellerId, String reference, String rightHolder, long claim) {
        return record(sellerId, lockIdentity(sellerId), reference, rightHolder, claim);
    }

    /** The strike against a seller of this identity, its rows locked. */
    private long record(String sellerId, List<String> identity, String reference, String rightHolder, long claim) {
        Instant now = clock.instant();
        Stored stored = stored(identity);
        MoneyLedger ledger = MoneyLedger.opening(balances(accounts(identity, rightHolder)));
        Discipline discipline = new Discipline(rules, pack.timeZone(), ledger, stored.strikes());
        Discipline.Strike s = discipline.strike(identity, sellerId, reference, now, rightHolder, claim);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO strikes (seller_id, reference, right_holder, claim, struck_at, consequence)"
                        + " VALUES (:s, :r, :h, :c, :t, :q)")
                .param("s", sellerId).param("r", reference).param("h", rightHolder).param("c", claim)
                .param("t", at(now)).param("q", s.consequence().name()).update(keys, "id");
        long id = keys.getKey().longValue();
        for (MoneyLedger.Posting p : ledger.postings()) {
            insert(p, id, now);
        }
        if (s.consequence() == Discipline.Consequence.TERMINATE_ACCOUNT) {
            // terminated for good: banned, so a registration linked to it is held or blocked, and exported to
            // partners as a credit record; a seller registered as banned stays BANNED
            List<String> terminated = jdbc.sql("SELECT id FROM sellers WHERE id IN (:ids) AND status <> 'BANNED'"
                    + " ORDER BY id").param("ids", identity).query(String.class).list();
            if (!terminated.isEmpty()) {
                jdbc.sql("UPDATE sellers SET status = 'TERMINATED', banned = TRUE WHERE id IN (:ids)")
                        .param("ids", terminated).update();
                index.afterCommitBanned(terminated, true);
            }
        }
        if (!s.postings().isEmpty()) {
            discipline.releaseAt(s).ifPresent(when -> scheduler.getObject().schedule(
                    new TaskInstance<>(RELEASE, Long.toString(id)), when));
        }
        return id;
    }

    /** The persistent timer that releases a freeze's funds when the pack's period ends. */
    static final String RELEASE = "frozen-funds-release";

    /**
     * Releases the funds a freeze froze, when its period has ended; a strike reversed or released already, or not
     * due yet, is left as it is (so a timer that fires twice changes nothing).
     */
    @Transactional
    public void release(long strikeId) {
        Optional<String> sellerId = jdbc.sql("SELECT seller_id FROM strikes WHERE id = :i").param("i", strikeId)
                .query(String.class).optional();
        if (sellerId.isEmpty()) {
            return;
        }
        List<String> identity = lockIdentity(sellerId.get());
        Stored stored = stored(identity);
        int at = stored.ids().indexOf(strikeId);
        MoneyLedger ledger = MoneyLedger.opening(balances(touched(stored.strikes().get(at))));
        Discipline discipline = new Discipline(rules, pack.timeZone(), ledger, stored.strikes());
        Instant now = clock.instant();
        if (discipline.release(at, now, "funds released: the freeze of strike " + strikeId + " ended").released()
                && !stored.strikes().get(at).released()) {
            ledger.postings().forEach(p -> insert(p, strikeId, now));
            jdbc.sql("UPDATE strikes SET released_at = :t WHERE id = :i").param("t", at(now)).param("i", strikeId)
                    .update();
        }
    }

    /** The held accounts a strike's postings touched. */
    private static List<String> touched(Discipline.Strike strike) {
        TreeSet<String> touched = new TreeSet<>();
        strike.postings().forEach(p -> {
            touched.add(p.from());
            touched.add(p.to());
        });
        touched.remove(MoneyLedger.EXTERNAL);
        return List.copyOf(touched);
    }

    /** A successful appeal: the strike no longer counts, and every posting it made is undone. */
    @Transactional
    public Map<String, Object> reverse(long strikeId, String reference) {
        Undone undone = undo(strikeId, reference, false);
        return view(undone.sellerId(), undone.identity());
    }

    /**
     * Reverses a strike unless it is reversed already or the money it moved has moved on; says whether it did. Never
     * throws for those, so the caller's transaction goes on.
     */
    @Transactional
    public boolean reverseIfPossible(long strikeId, String reference) {
        return undo(strikeId, reference, true) != null;
    }

    private record Undone(String sellerId, List<String> identity) {
    }

    /** The seller of the reversed strike and its identity; null when {@code quiet} and it could not be reversed. */
    private Undone undo(long strikeId, String reference, boolean quiet) {
        String sellerId = jdbc.sql("SELECT seller_id FROM strikes WHERE id = :i").param("i", strikeId)
                .query(String.class).optional().orElseThrow(() -> ApiException.notFound("strike " + strikeId));
        List<String> identity = lockIdentity(sellerId);
        Stored stored = stored(identity);
        int at = stored.ids().indexOf(strikeId);
        Discipline.Strike strike = stored.strikes().get(at);
        if (strike.reversed()) {
            if (quiet) {
                return null;
            }
            throw ApiException.conflict("strike " + strikeId + " is already reversed");
        }
        MoneyLedger ledger = MoneyLedger.opening(balances(touched(strike)));
        Discipline discipline = new Discipline(rules, pack.timeZone(), ledger, stored.strikes());
        try {
            discipline.reverse(at, reference);
        } catch (MoneyLedger.InsufficientFunds e) {
            if (quiet) {
                return null;
            }
            throw ApiException.conflict("the money this strike moved has moved on (" + e.getMessage()
                    + "); nothing was reversed");
        }
        Instant now = clock.instant();
        for (MoneyLedger.Posting p : ledger.postings()) {
            insert(p, strikeId, now);
        }
        jdbc.sql("UPDATE strikes SET reversed_at = :t, reversal_reference = :r WHERE id = :i")
                .param("t", at(now)).param("r", reference).param("i", strikeId).update();
        if (strike.consequence() == Discipline.Consequence.TERMINATE_ACCOUNT) {
            List<String> still = identity.stream().filter(a -> !discipline.terminated(a)).toList();
            List<String> restored = still.isEmpty() ? List.of() : jdbc.sql("SELECT id FROM sellers WHERE status ="
                    + " 'TERMINATED' AND id IN (:ids) ORDER BY id").param("ids", still).query(String.class).list();
            if (!restored.isEmpty()) {
                jdbc.sql("UPDATE sellers SET status = 'ACTIVE', banned = FALSE WHERE id IN (:ids)")
                        .param("ids", restored).update();
                index.afterCommitBanned(restored, false);
            }
        }
        return new Undone(sellerId, identity);
    }

    /** Money paid in for a seller: its deposit, or its available funds (sales proceeds held by the platform). */
    @Transactional
    public Map<String, Object> payIn(String sellerId, MoneyKind kind, long amount, String reference) {
        lock(List.of(sellerId));
        String account = kind == MoneyKind.DEPOSIT ? MoneyLedger.deposit(sellerId) : MoneyLedger.funds(sellerId);
        MoneyLedger ledger = MoneyLedger.opening(balances(List.of(account)));
        ledger.post(MoneyLedger.EXTERNAL, account, amount, reference);
        Instant now = clock.instant();
        ledger.postings().forEach(p -> insert(p, null, now));
        return view(sellerId);
    }

    /** A seller's identity, its strikes, the balances of its accounts and the deposit the pack requires of it. */
    @Transactional(readOnly = true)
    public Map<String, Object> view(String sellerId) {
        requireKnown(sellerId);
        return view(sellerId, check.identity(sellerId));
    }

    private Map<String, Object> view(String sellerId, List<String> identity) {
        Stored stored = stored(identity);
        Instant now = clock.instant();
        Discipline discipline = new Discipline(rules, pack.timeZone(), MoneyLedger.opening(Map.of()),
                stored.strikes());
        long active = discipline.active(identity, now);
        Map<String, Long> balances = balances(accounts(identity, null));
        Map<String, Object> accounts = new LinkedHashMap<>();
        for (String a : identity) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("funds", balances.getOrDefault(MoneyLedger.funds(a), 0L));
            m.put("frozen", balances.getOrDefault(MoneyLedger.frozen(a), 0L));
            m.put("deposit", balances.getOrDefault(MoneyLedger.deposit(a), 0L));
            m.put("terminated", discipline.terminated(a));
            accounts.put(a, m);
        }
        List<Map<String, Object>> strikes = new ArrayList<>();
        for (int i = 0; i < stored.strikes().size(); i++) {
            Discipline.Strike s = stored.strikes().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", stored.ids().get(i));
            m.put("sellerId", s.identity());
            m.put("reference", s.reference());
            m.put("at", s.at().toString());
            m.put("consequence", s.consequence().name());
            m.put("reversed", s.reversed());
            discipline.releaseAt(s).filter(x -> !s.postings().isEmpty() && !s.reversed())
                    .ifPresent(x -> m.put(s.released() ? "releasedAfter" : "releaseAt", x.toString()));
            m.put("postings", s.postings().stream().map(p -> Map.of("id", p.id(), "from", p.from(), "to", p.to(),
                    "amount", p.amount())).toList());
            strikes.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sellerId", sellerId);
        out.put("identity", identity);
        out.put("activeStrikes", active);
        out.put("strikes", strikes);
        out.put("accounts", accounts);
        long deposits = identity.stream().mapToLong(a -> balances.getOrDefault(MoneyLedger.deposit(a), 0L)).sum();
        // flagged listings of the platform accounts the identity's sellers sell under; the server keeps no category
        // per listing, so the category factor of the pack's formula is 1 here
        long flagged = jdbc.sql("SELECT COUNT(DISTINCT f.listing_id) FROM listing_flags f JOIN listings l ON l.id ="
                        + " f.listing_id JOIN sellers s ON s.account_id = l.seller_account_id WHERE s.id IN (:ids)")
                .param("ids", identity).query(Long.class).single();
        out.put("flaggedListings", flagged);
        out.put("requiredDeposit", identityRules.requiredDeposit(active, flagged, java.math.BigDecimal.ONE));
        out.put("depositHeld", deposits);
        out.put("policy", pack.id() + " " + pack.version());
        return out;
    }

    private record Stored(List<Long> ids, List<Discipline.Strike> strikes) {
    }

    /** The identity's strikes in the order they were made, each with the postings it made (reversals left out). */
    private Stored stored(List<String> identity) {
        List<Long> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("SELECT id, seller_id, reference, struck_at, consequence, reversed_at, released_at FROM strikes"
                        + " WHERE seller_id IN (:ids) ORDER BY id")
                .param("ids", identity).query(rs -> {
                    ids.add(rs.getLong(1));
                    rows.add(new Object[] {rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                        rs.getObject(6) != null, rs.getObject(7) != null});
                });
        Map<Long, List<MoneyLedger.Posting>> postings = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, from_account, to_account, amount, reference, strike_id FROM ledger_postings"
                            + " WHERE strike_id IN (:ids) AND reverses IS NULL ORDER BY id")
                    .param("ids", ids).query(rs -> {
                        postings.computeIfAbsent(rs.getLong(6), x -> new ArrayList<>()).add(new MoneyLedger.Posting(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                null));
                    });
        }
        List<Discipline.Strike> strikes = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Object[] r = rows.get(i);
            strikes.add(new Discipline.Strike(i, (String) r[0], (String) r[1], (Instant) r[2],
                    Discipline.Consequence.valueOf((String) r[3]), postings.getOrDefault(ids.get(i), List.of()),
                    (Boolean) r[4], (Boolean) r[5]));
        }
        return new Stored(ids, strikes);
    }

    /** The money accounts of the identity's sellers, and the right holder's compensation account if given. */
    private static List<String> accounts(List<String> identity, String rightHolder) {
        List<String> out = new ArrayList<>();
        for (String a : identity) {
            out.add(MoneyLedger.funds(a));
            out.add(MoneyLedger.frozen(a));
            out.add(MoneyLedger.deposit(a));
        }
        if (rightHolder != null) {
            out.add(MoneyLedger.compensation(rightHolder));
        }
        return out;
    }

    /** Each account's balance from its postings: what came in less what went out. */
    private Map<String, Long> balances(List<String> accounts) {
        Map<String, Long> out = new HashMap<>();
        for (int from = 0; from < accounts.size(); from += 300) {
            List<String> chunk = accounts.subList(from, Math.min(accounts.size(), from + 300));
            jdbc.sql("SELECT account, SUM(amount) FROM (SELECT to_account AS account, amount FROM ledger_postings"
                            + " WHERE to_account IN (:a) UNION ALL SELECT from_account, -amount FROM ledger_postings"
                            + " WHERE from_account IN (:a)) m GROUP BY account")
                    .param("a", chunk).query(rs -> {
                        out.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return out;
    }

    private List<String> lockIdentity(String sellerId) {
        requireKnown(sellerId);
        List<String> identity = check.identity(sellerId);
        lock(identity);
        return identity;
    }

    /** Locks the sellers' rows, in id order (so two changes cannot wait on each other), until the commit. */
    private void lock(List<String> sellerIds) {
        List<String> found = jdbc.sql("SELECT id FROM sellers WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", sellerIds).query(String.class).list();
        if (found.isEmpty()) {
            throw ApiException.notFound("seller " + sellerIds.get(0));
        }
    }

    private void requireKnown(String sellerId) {
        if (jdbc.sql("SELECT COUNT(*) FROM sellers WHERE id = :i").param("i", sellerId).query(Long.class)
                .single() == 0) {
            throw ApiException.notFound("seller " + sellerId);
        }
    }

    private void insert(MoneyLedger.Posting p, Long strikeId, Instant now) {
        jdbc.sql("INSERT INTO ledger_postings (from_account, to_account, amount, reference, reverses, strike_id,"
                        + " posted_at) VALUES (:f, :t, :a, :r, :v, :s, :at)")
                .param("f", p.from()).param("t", p.to()).param("a", p.amount()).param("r", p.reference())
                .param("v", p.reverses(), java.sql.Types.BIGINT).param("s", strikeId, java.sql.Types.BIGINT)
                .param("at", at(now)).update();
    }

    private static OffsetDateTime at(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
