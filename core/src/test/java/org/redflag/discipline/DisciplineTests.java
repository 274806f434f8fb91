package org.redflag.discipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.redflag.law.PolicyPacks;
import org.redflag.law.StrikeRules;

/** The ladder, appeals that undo their money, and the ledger's invariants over random sequences. */
class DisciplineTests {

    static final StrikeRules CN = PolicyPacks.builtIn().find("CN").orElseThrow().strikes().orElseThrow();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void the_ladder_freezes_then_deducts_then_terminates() {
        MoneyLedger ledger = new MoneyLedger();
        ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.deposit("id1"), 50_000, "deposit");
        ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.funds("id1"), 12_345, "sales");
        Discipline d = new Discipline(CN, SHANGHAI, ledger);
        assertThat(d.strike("id1", "notice 1", T0, "brand", 0).consequence())
                .isEqualTo(Discipline.Consequence.FREEZE_FUNDS);
        assertThat(ledger.balance(MoneyLedger.frozen("id1"))).isEqualTo(12_345);
        assertThat(d.strike("id1", "notice 2", T0.plus(Duration.ofDays(10)), "brand", 20_000).consequence())
                .isEqualTo(Discipline.Consequence.DEDUCT_DEPOSIT);
        assertThat(ledger.balance(MoneyLedger.compensation("brand"))).isEqualTo(20_000);
        assertThat(d.strike("id1", "notice 3", T0.plus(Duration.ofDays(20)), "brand", 0).consequence())
                .isEqualTo(Discipline.Consequence.TERMINATE_ACCOUNT);
        assertThat(d.terminated("id1")).isTrue();
        assertThat(ledger.total()).isZero();
    }

    @Test
    void a_strike_against_one_account_counts_for_every_account_of_the_identity() {
        MoneyLedger ledger = MoneyLedger.opening(java.util.Map.of(MoneyLedger.funds("a"), 500L,
                MoneyLedger.funds("b"), 300L, MoneyLedger.deposit("a"), 1_000L, MoneyLedger.deposit("b"), 4_000L));
        assertThat(ledger.total()).isZero();
        Discipline d = new Discipline(CN, SHANGHAI, ledger);
        List<String> identity = List.of("a", "b");
        var first = d.strike(identity, "b", "notice 1", T0, "brand", 0);
        assertThat(first.consequence()).isEqualTo(Discipline.Consequence.FREEZE_FUNDS);
        assertThat(first.postings()).hasSize(2);
        assertThat(ledger.balance(MoneyLedger.frozen("a"))).isEqualTo(500);
        assertThat(ledger.balance(MoneyLedger.frozen("b"))).isEqualTo(300);
        var second = d.strike(identity, "a", "notice 2", T0.plusSeconds(60), "brand", 2_500);
        assertThat(second.consequence()).isEqualTo(Discipline.Consequence.DEDUCT_DEPOSIT);
        assertThat(ledger.balance(MoneyLedger.deposit("a"))).as("the struck account pays first").isZero();
        assertThat(ledger.balance(MoneyLedger.deposit("b"))).isEqualTo(2_500);
        assertThat(ledger.balance(MoneyLedger.compensation("brand"))).isEqualTo(2_500);
        assertThat(d.active(List.of("a"), T0.plusSeconds(120))).as("one account alone").isEqualTo(1);
        assertThat(d.strike(identity, "b", "notice 3", T0.plusSeconds(120), "brand", 0).consequence())
                .isEqualTo(Discipline.Consequence.TERMINATE_ACCOUNT);
        assertThat(d.terminated("a") && d.terminated("b")).isTrue();
        d.reverse(second.id(), "appeal upheld");
        assertThat(ledger.balance(MoneyLedger.deposit("a"))).isEqualTo(1_000);
        assertThat(ledger.balance(MoneyLedger.deposit("b"))).isEqualTo(4_000);
        assertThat(ledger.total()).isZero();
        assertThatThrownBy(() -> d.strike(identity, "c", "n", T0, "brand", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strikes_on_record_count_and_can_be_reversed_in_a_new_discipline() {
        MoneyLedger first = new MoneyLedger();
        first.post(MoneyLedger.EXTERNAL, MoneyLedger.deposit("a"), 9_000, "deposit");
        Discipline before = new Discipline(CN, SHANGHAI, first);
        before.strike("a", "n1", T0, "brand", 0);
        var deducted = before.strike("a", "n2", T0.plusSeconds(60), "brand", 4_000);
        // a later request: the store hands back the strikes and the balances
        MoneyLedger reopened = MoneyLedger.opening(first.balances());
        Discipline after = new Discipline(CN, SHANGHAI, reopened, before.strikes());
        assertThat(after.active("a", T0.plusSeconds(120))).isEqualTo(2);
        after.reverse(deducted.id(), "appeal upheld");
        assertThat(reopened.balance(MoneyLedger.deposit("a"))).isEqualTo(9_000);
        assertThat(reopened.postings()).hasSize(1).first().satisfies(p -> assertThat(p.reverses())
                .isEqualTo(deducted.postings().get(0).id()));
        assertThat(reopened.total()).isZero();
    }

    @Test
    void frozen_funds_are_released_when_the_packs_period_ends_and_the_strike_still_counts() {
        MoneyLedger ledger = new MoneyLedger();
        ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.funds("a"), 800, "sales");
        Discipline d = new Discipline(CN, SHANGHAI, ledger);
        var freeze = d.strike("a", "n1", T0, "brand", 0);
        Instant end = d.releaseAt(freeze).orElseThrow();
        assertThat(end).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(d.release(freeze.id(), end.minusSeconds(1), "early").released()).as("not yet").isFalse();
        assertThat(ledger.balance(MoneyLedger.frozen("a"))).isEqualTo(800);
        assertThat(d.release(freeze.id(), end, "period over").released()).isTrue();
        assertThat(ledger.balance(MoneyLedger.funds("a"))).isEqualTo(800);
        assertThat(d.active("a", end)).isEqualTo(1);
        assertThat(d.release(freeze.id(), end.plusSeconds(5), "again").released()).isTrue();
        assertThat(ledger.postings()).as("released once").hasSize(3);
        d.reverse(freeze.id(), "appeal upheld");
        assertThat(ledger.postings()).as("nothing left to reverse").hasSize(3);
        assertThat(d.active("a", end)).isZero();
        assertThat(d.releaseAt(d.strike("a", "n2", end, "brand", 0))).isPresent();
        assertThat(ledger.total()).isZero();
    }

    @Test
    void the_required_deposit_grows_with_strikes_flags_and_category() {
        var rules = PolicyPacks.builtIn().find("CN").orElseThrow().identity().orElseThrow();
        assertThat(rules.requiredDeposit(0, 0, java.math.BigDecimal.ONE)).isEqualTo(100_000);
        assertThat(rules.requiredDeposit(2, 3, java.math.BigDecimal.ONE)).isEqualTo(330_000);
        assertThat(rules.requiredDeposit(1, 0, new java.math.BigDecimal("1.5"))).isEqualTo(300_000);
    }

    @Test
    void strikes_expire_after_the_window() {
        Discipline d = new Discipline(CN, SHANGHAI, new MoneyLedger());
        d.strike("id1", "n1", T0, "b", 0);
        assertThat(d.strike("id1", "n2", T0.plus(Duration.ofDays(400)), "b", 0).consequence())
                .isEqualTo(Discipline.Consequence.FREEZE_FUNDS);
    }

    @Test
    void a_successful_appeal_reverses_the_strike_and_its_money() {
        MoneyLedger ledger = new MoneyLedger();
        ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.deposit("id1"), 10_000, "deposit");
        Discipline d = new Discipline(CN, SHANGHAI, ledger);
        d.strike("id1", "n1", T0, "b", 0);
        var second = d.strike("id1", "n2", T0.plusSeconds(60), "b", 7_000);
        assertThat(ledger.balance(MoneyLedger.deposit("id1"))).isEqualTo(3_000);
        d.reverse(second.id(), "appeal upheld");
        assertThat(ledger.balance(MoneyLedger.deposit("id1"))).isEqualTo(10_000);
        assertThat(d.active("id1", T0.plusSeconds(120))).isEqualTo(1);
        assertThat(ledger.postings()).hasSize(3).last().satisfies(p -> assertThat(p.reverses()).isEqualTo(1L));
    }

    @Test
    void a_posting_that_would_overdraw_a_held_account_is_refused_whole() {
        MoneyLedger ledger = new MoneyLedger();
        ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.deposit("id1"), 100, "deposit");
        assertThatThrownBy(() -> ledger.post(MoneyLedger.deposit("id1"), MoneyLedger.compensation("b"), 101, "x"))
                .isInstanceOf(MoneyLedger.InsufficientFunds.class);
        assertThat(ledger.balance(MoneyLedger.deposit("id1"))).isEqualTo(100);
        assertThat(ledger.postings()).hasSize(1);
    }

    static LongStream seeds() {
        long base = Long.getLong("redflag.seed", 1L);
        return LongStream.range(base, base + 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void over_random_sequences_no_held_balance_goes_negative_and_the_ledger_balances_after_every_step(long seed) {
        Random r = new Random(seed);
        MoneyLedger ledger = new MoneyLedger();
        Discipline d = new Discipline(CN, SHANGHAI, ledger);
        List<String> ids = List.of("a", "b", "c");
        Instant t = T0;
        for (int step = 0; step < 60; step++) {
            String id = ids.get(r.nextInt(ids.size()));
            t = t.plus(Duration.ofDays(r.nextInt(40)));
            try {
                switch (r.nextInt(8)) {
                    case 0 -> ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.deposit(id), 1 + r.nextInt(50_000), "dep");
                    case 1 -> ledger.post(MoneyLedger.EXTERNAL, MoneyLedger.funds(id), 1 + r.nextInt(20_000), "sale");
                    case 2, 3 -> d.strike(id, "n" + step, t, "brand", r.nextInt(30_000));
                    case 4 -> {
                        var open = d.strikes().stream().filter(s -> !s.reversed()).toList();
                        if (!open.isEmpty()) {
                            d.reverse(open.get(r.nextInt(open.size())).id(), "appeal");
                        }
                    }
                    case 6 -> {
                        var strikes = d.strikes();
                        if (!strikes.isEmpty()) {
                            d.release(strikes.get(r.nextInt(strikes.size())).id(), t, "freeze period over");
                        }
                    }
                    case 7 -> d.strike(List.of("a", "b"), r.nextBoolean() ? "a" : "b", "n" + step, t, "brand",
                            r.nextInt(30_000));
                    default -> {
                        long c = ledger.balance(MoneyLedger.compensation("brand"));
                        if (c > 0) {
                            ledger.post(MoneyLedger.compensation("brand"), MoneyLedger.EXTERNAL, 1 + r.nextInt(
                                    (int) Math.min(c, Integer.MAX_VALUE)), "paid out");
                        }
                    }
                }
            } catch (MoneyLedger.InsufficientFunds refused) {
                // refused whole: the invariants below must still hold
            }
            assertThat(ledger.total()).as("seed %d step %d: the ledger balances", seed, step).isZero();
            final int at = step;
            ledger.balances().forEach((account, balance) -> {
                if (!account.equals(MoneyLedger.EXTERNAL)) {
                    assertThat(balance).as("seed %d step %d: %s", seed, at, account).isGreaterThanOrEqualTo(0L);
                }
            });
        }
    }
}
