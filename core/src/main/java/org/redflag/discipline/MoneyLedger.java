package org.redflag.discipline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Double-entry money in minor units (no floating point): every posting moves an amount from one account to another,
 * so the balances always sum to zero. Accounts held for a seller (its available funds, frozen funds and deposit)
 * can never go below zero: a posting that would overdraw one is refused whole. The outside world is one account,
 * {@link #EXTERNAL}, allowed to go negative (money that came in from it).
 */
public final class MoneyLedger {

    public static final String EXTERNAL = "external";

    /** One movement, with the notice or decision behind it. */
    public record Posting(long id, String from, String to, long amount, String reference, Long reverses) {
    }

    /** A posting that would overdraw a held account. */
    public static final class InsufficientFunds extends RuntimeException {
        public InsufficientFunds(String account, long balance, long amount) {
            super("account " + account + " holds " + balance + ", cannot pay " + amount);
        }
    }

    private final Map<String, Long> balances = new HashMap<>();
    private final List<Posting> postings = new ArrayList<>();

    public MoneyLedger() {
    }

    /**
     * Part of a store's ledger, opened with the balances of some of its accounts (the store keeps the postings behind
     * them); {@link #EXTERNAL} stands for every other account, so the part balances too. {@link #postings} then
     * lists only what is posted here.
     */
    public static MoneyLedger opening(Map<String, Long> balances) {
        MoneyLedger ledger = new MoneyLedger();
        balances.forEach((account, balance) -> {
            if (!account.equals(EXTERNAL)) {
                if (balance < 0) {
                    throw new IllegalArgumentException("account " + account + " cannot open below zero: " + balance);
                }
                ledger.balances.put(account, balance);
            }
        });
        ledger.balances.put(EXTERNAL, -ledger.balances.values().stream().mapToLong(Long::longValue).sum());
        return ledger;
    }

    public static String funds(String identity) {
        return "funds:" + identity;
    }

    public static String frozen(String identity) {
        return "frozen:" + identity;
    }

    public static String deposit(String identity) {
        return "deposit:" + identity;
    }

    public static String compensation(String rightHolder) {
        return "compensation:" + rightHolder;
    }

    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    public Posting post(String from, String to, long amount, String reference) {
        return post(from, to, amount, reference, null);
    }

    private Posting post(String from, String to, long amount, String reference, Long reverses) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a posting moves a positive amount; found " + amount);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("a posting moves money between two accounts");
        }
        long available = balance(from);
        if (!from.equals(EXTERNAL) && available < amount) {
            throw new InsufficientFunds(from, available, amount);
        }
        balances.merge(from, -amount, Long::sum);
        balances.merge(to, amount, Long::sum);
        Posting p = new Posting(postings.size(), from, to, amount, reference, reverses);
        postings.add(p);
        return p;
    }

    /** Undoes a posting with its mirror image (nothing is deleted); refused if the money has moved on meanwhile. */
    public Posting reverse(Posting p, String reference) {
        return post(p.to(), p.from(), p.amount(), reference, p.id());
    }

    public List<Posting> postings() {
        return List.copyOf(postings);
    }

    /** Sum of all balances: zero for a ledger that balances. */
    public long total() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> balances() {
        return Map.copyOf(balances);
    }
}
