package org.redflag.discipline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redflag.law.BusinessCalendar;
import org.redflag.law.StrikeRules;

/**
 * Strikes that follow an identity (not an account) along the pack's ladder: the first freezes its available funds,
 * the second deducts its deposit to compensate the right holder, the third and later terminate it. Strikes older
 * than the pack's window no longer count. A successful appeal reverses the strike and every money movement it
 * caused. Time is passed in; nothing here reads a clock.
 *
 * <p>An identity may hold several accounts (sellers linked by a shared identifier): a strike against any of them
 * counts for all, funds are frozen on every one, a deduction takes from the struck account's deposit first and then
 * from the others' in the order given, and termination ends them all. Money stays with the account that holds it.
 */
public final class Discipline {

    public enum Consequence { FREEZE_FUNDS, DEDUCT_DEPOSIT, TERMINATE_ACCOUNT }

    /**
     * One strike: what caused it, when, what it brought, the postings it made, whether an appeal reversed it, and
     * (for a freeze) whether the frozen funds were released when the pack's period ended.
     */
    public record Strike(long id, String identity, String reference, Instant at, Consequence consequence,
                         List<MoneyLedger.Posting> postings, boolean reversed, boolean released) {

        Strike with(boolean reversed, boolean released) {
            return new Strike(id, identity, reference, at, consequence, postings, reversed, released);
        }
    }

    private final StrikeRules rules;
    private final ZoneId zone;
    private final MoneyLedger ledger;
    private final List<Strike> strikes = new ArrayList<>();
    private final Map<String, Boolean> terminated = new HashMap<>();

    public Discipline(StrikeRules rules, ZoneId zone, MoneyLedger ledger) {
        this(rules, zone, ledger, List.of());
    }

    /**
     * With the strikes already on record (from a store), numbered by their place in {@code history}; a strike on
     * record that terminated and was not reversed keeps its account terminated.
     */
    public Discipline(StrikeRules rules, ZoneId zone, MoneyLedger ledger, List<Strike> history) {
        this.rules = rules;
        this.zone = zone;
        this.ledger = ledger;
        for (Strike s : history) {
            strikes.add(new Strike(strikes.size(), s.identity(), s.reference(), s.at(), s.consequence(), s.postings(),
                    s.reversed(), s.released()));
            if (s.consequence() == Consequence.TERMINATE_ACCOUNT && !s.reversed()) {
                terminated.put(s.identity(), true);
            }
        }
    }

    /** Strikes of the identity that count at {@code at}: not reversed, and within the window. */
    public long active(String identity, Instant at) {
        return active(List.of(identity), at);
    }

    /** Strikes against any of an identity's accounts that count at {@code at}. */
    public long active(List<String> accounts, Instant at) {
        return strikes.stream().filter(s -> accounts.contains(s.identity()) && !s.reversed()
                && !rules.window().after(s.at(), zone, BusinessCalendar.WEEKENDS_ONLY).isBefore(at)).count();
    }

    /** Records a strike for a notice against the identity, with its consequence under the ladder. */
    public Strike strike(String identity, String reference, Instant at, String rightHolder, long claim) {
        return strike(List.of(identity), identity, reference, at, rightHolder, claim);
    }

    /**
     * Records a strike against {@code account}, one of the identity's {@code accounts}, with its consequence under
     * the ladder for the strikes of the whole identity.
     */
    public Strike strike(List<String> accounts, String account, String reference, Instant at, String rightHolder,
                         long claim) {
        if (!accounts.contains(account)) {
            throw new IllegalArgumentException(account + " is not one of the identity's accounts " + accounts);
        }
        long n = active(accounts, at) + 1;
        StrikeRules.Step step = rules.ladder().get((int) Math.min(n, rules.ladder().size()) - 1);
        Consequence c = Consequence.valueOf(step.action().name());
        List<String> struckFirst = new ArrayList<>(List.of(account));
        accounts.stream().filter(a -> !a.equals(account)).forEach(struckFirst::add);
        List<MoneyLedger.Posting> postings = new ArrayList<>();
        switch (c) {
            case FREEZE_FUNDS -> {
                for (String a : struckFirst) {
                    long funds = ledger.balance(MoneyLedger.funds(a));
                    if (funds > 0) {
                        postings.add(ledger.post(MoneyLedger.funds(a), MoneyLedger.frozen(a), funds, reference));
                    }
                }
            }
            case DEDUCT_DEPOSIT -> {
                long left = claim;
                for (String a : struckFirst) {
                    long amount = Math.min(left, ledger.balance(MoneyLedger.deposit(a)));
                    if (amount > 0) {
                        postings.add(ledger.post(MoneyLedger.deposit(a), MoneyLedger.compensation(rightHolder), amount,
                                reference));
                        left -= amount;
                    }
                }
            }
            case TERMINATE_ACCOUNT -> struckFirst.forEach(a -> terminated.put(a, true));
        }
        Strike s = new Strike(strikes.size(), account, reference, at, c, List.copyOf(postings), false, false);
        strikes.add(s);
        return s;
    }

    /**
     * When the frozen funds of a strike are released: the end of the pack's period for the strike's step (a freeze
     * with no period lasts until an appeal); empty for a strike that froze nothing.
     */
    public java.util.Optional<Instant> releaseAt(Strike s) {
        if (s.consequence() != Consequence.FREEZE_FUNDS) {
            return java.util.Optional.empty();
        }
        return rules.ladder().stream().filter(step -> step.action().name().equals(s.consequence().name()))
                .findFirst().flatMap(StrikeRules.Step::period)
                .map(p -> p.after(s.at(), zone, BusinessCalendar.WEEKENDS_ONLY));
    }

    /**
     * Releases the funds a freeze froze, once its period has ended at {@code at}: each posting mirrored, the strike
     * still counting. Nothing happens, and the strike is returned as it is, if it was reversed or released already,
     * or its period has not ended.
     */
    public Strike release(long strikeId, Instant at, String reference) {
        Strike s = strikes.get((int) strikeId);
        java.util.Optional<Instant> when = releaseAt(s);
        if (s.reversed() || s.released() || when.isEmpty() || when.get().isAfter(at)) {
            return s;
        }
        undo(s, reference);
        Strike released = s.with(false, true);
        strikes.set((int) strikeId, released);
        return released;
    }

    private void undo(Strike s, String reference) {
        List<MoneyLedger.Posting> posts = new ArrayList<>(s.postings());
        for (MoneyLedger.Posting p : posts) {
            if (ledger.balance(p.to()) < p.amount()) {
                throw new MoneyLedger.InsufficientFunds(p.to(), ledger.balance(p.to()), p.amount());
            }
        }
        for (int i = posts.size() - 1; i >= 0; i--) {
            ledger.reverse(posts.get(i), reference);
        }
    }

    /**
     * A successful appeal: the strike no longer counts and its postings are reversed, newest first (a freeze whose
     * funds were released has nothing left to reverse). If the money has moved on (the compensation paid out), the
     * reversal is refused and nothing changes.
     */
    public Strike reverse(long strikeId, String reference) {
        Strike s = strikes.get((int) strikeId);
        if (s.reversed()) {
            throw new IllegalStateException("strike " + strikeId + " is already reversed");
        }
        if (!s.released()) { // released funds are back already
            undo(s, reference);
        }
        if (s.consequence() == Consequence.TERMINATE_ACCOUNT) {
            terminated.remove(s.identity());
        }
        Strike reversed = s.with(true, s.released());
        strikes.set((int) strikeId, reversed);
        return reversed;
    }

    public boolean terminated(String identity) {
        return terminated.getOrDefault(identity, false);
    }

    public List<Strike> strikes() {
        return List.copyOf(strikes);
    }
}
