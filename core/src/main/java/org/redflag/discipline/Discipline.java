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
 */
public final class Discipline {

    public enum Consequence { FREEZE_FUNDS, DEDUCT_DEPOSIT, TERMINATE_ACCOUNT }

    /** One strike: what caused it, when, what it brought, and the postings it made. */
    public record Strike(long id, String identity, String reference, Instant at, Consequence consequence,
                         List<MoneyLedger.Posting> postings, boolean reversed) {
    }

    private final StrikeRules rules;
    private final ZoneId zone;
    private final MoneyLedger ledger;
    private final List<Strike> strikes = new ArrayList<>();
    private final Map<String, Boolean> terminated = new HashMap<>();

    public Discipline(StrikeRules rules, ZoneId zone, MoneyLedger ledger) {
        this.rules = rules;
        this.zone = zone;
        this.ledger = ledger;
    }

    /** Strikes of the identity that count at {@code at}: not reversed, and within the window. */
    public long active(String identity, Instant at) {
        return strikes.stream().filter(s -> s.identity().equals(identity) && !s.reversed()
                && !rules.window().after(s.at(), zone, BusinessCalendar.WEEKENDS_ONLY).isBefore(at)).count();
    }

    /** Records a strike for a notice against the identity, with its consequence under the ladder. */
    public Strike strike(String identity, String reference, Instant at, String rightHolder, long claim) {
        long n = active(identity, at) + 1;
        StrikeRules.Step step = rules.ladder().get((int) Math.min(n, rules.ladder().size()) - 1);
        Consequence c = Consequence.valueOf(step.action().name());
        List<MoneyLedger.Posting> postings = new ArrayList<>();
        switch (c) {
            case FREEZE_FUNDS -> {
                long funds = ledger.balance(MoneyLedger.funds(identity));
                if (funds > 0) {
                    postings.add(ledger.post(MoneyLedger.funds(identity), MoneyLedger.frozen(identity), funds,
                            reference));
                }
            }
            case DEDUCT_DEPOSIT -> {
                long amount = Math.min(claim, ledger.balance(MoneyLedger.deposit(identity)));
                if (amount > 0) {
                    postings.add(ledger.post(MoneyLedger.deposit(identity), MoneyLedger.compensation(rightHolder),
                            amount, reference));
                }
            }
            case TERMINATE_ACCOUNT -> terminated.put(identity, true);
        }
        Strike s = new Strike(strikes.size(), identity, reference, at, c, List.copyOf(postings), false);
        strikes.add(s);
        return s;
    }

    /**
     * A successful appeal: the strike no longer counts and its postings are reversed, newest first. If the money
     * has moved on (the compensation paid out), the reversal is refused and nothing changes.
     */
    public Strike reverse(long strikeId, String reference) {
        Strike s = strikes.get((int) strikeId);
        if (s.reversed()) {
            throw new IllegalStateException("strike " + strikeId + " is already reversed");
        }
        List<MoneyLedger.Posting> posts = new ArrayList<>(s.postings());
        for (MoneyLedger.Posting p : posts) {
            if (ledger.balance(p.to()) < p.amount()) {
                throw new MoneyLedger.InsufficientFunds(p.to(), ledger.balance(p.to()), p.amount());
            }
        }
        for (int i = posts.size() - 1; i >= 0; i--) {
            ledger.reverse(posts.get(i), reference);
        }
        if (s.consequence() == Consequence.TERMINATE_ACCOUNT) {
            terminated.remove(s.identity());
        }
        Strike reversed = new Strike(s.id(), s.identity(), s.reference(), s.at(), s.consequence(), s.postings(), true);
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
