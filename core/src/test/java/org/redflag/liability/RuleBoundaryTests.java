package org.redflag.liability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.liability.Cases.assess;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redflag.law.ActionType;
import org.redflag.law.PlatformService;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.law.RedFlag;
import org.redflag.notice.Notice;
import org.redflag.notice.NoticeElements;

/** Each rule at its boundary: the last value on one side, the first on the other. */
class RuleBoundaryTests {

    static CaseFacts priced(double price) {
        CaseFacts c = Cases.withServices(Cases.plain(), PlatformService.MARKETING_REVENUE_SHARING);
        return c.withListing(c.listing().withPrice(price).withText("Handbag", null, List.of()))
                .withListing(new CaseFacts.Listing("Handbag", null, List.of(), true, price, 1000.0, "CNY", null, null,
                        null, null));
    }

    @Nested
    @DisplayName("price red flag")
    class Price {
        @Test
        void a_price_of_exactly_70_percent_raises_no_flag() {
            Assessment a = assess(priced(700));
            assertThat(a.redFlags()).isEmpty();
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_price_one_cent_under_70_percent_raises_the_flag_on_a_high_duty_platform() {
            Assessment a = assess(priced(699.99));
            assertThat(a.redFlags()).extracting(Assessment.FlagFinding::code).containsExactly(RedFlag.PRICE_BELOW_GENUINE);
            assertThat(a.knowledge()).isEqualTo(Knowledge.CONSTRUCTIVE);
            assertThat(a.liability()).isEqualTo(Liability.JOINTLY_LIABLE);
        }

        @Test
        void the_price_flag_does_not_count_on_a_low_duty_platform() {
            CaseFacts low = Cases.withServices(priced(100), PlatformService.INFORMATION_INTERMEDIARY);
            Assessment a = assess(low);
            assertThat(a.redFlags()).isEmpty();
            assertThat(a.trace().flatten()).anySatisfy(t -> {
                assertThat(t.rule()).isEqualTo("knowledge.red-flag.price-below-genuine");
                assertThat(t.outcome()).isEqualTo(TraceNode.Outcome.SKIPPED);
            });
        }

        @Test
        void unbranded_goods_are_never_priced_against_a_genuine_price() {
            CaseFacts c = priced(100);
            c = c.withListing(c.listing().withBranded(false));
            assertThat(assess(c).redFlags()).isEmpty();
        }
    }

    static CaseFacts sales(double units, double negative) {
        CaseFacts c = Cases.withServices(Cases.plain(), PlatformService.MARKETING_REVENUE_SHARING);
        return c.withListing(new CaseFacts.Listing("Sports shoes", null, List.of(), true, null, null, null, units,
                1000.0, negative, 0.1));
    }

    @Nested
    @DisplayName("sales anomaly")
    class Sales {
        @Test
        void sales_of_exactly_ten_times_the_average_raise_no_flag() {
            assertThat(assess(sales(10_000, 0.3)).redFlags()).isEmpty();
        }

        @Test
        void sales_just_over_ten_times_with_disproportionate_negative_reviews_raise_the_flag() {
            assertThat(assess(sales(10_001, 0.3)).redFlags()).extracting(Assessment.FlagFinding::code)
                    .containsExactly(RedFlag.SALES_ANOMALY);
        }

        @Test
        void high_sales_with_ordinary_reviews_raise_no_flag() {
            assertThat(assess(sales(50_000, 0.2)).redFlags()).isEmpty();
        }
    }

    @Nested
    @DisplayName("the deadline after a notice")
    class Deadline {
        @Test
        void acting_exactly_at_the_deadline_is_in_time() {
            Assessment a = assess(Cases.noticeAnswered("2024-03-01T10:00:00+08:00", "2024-03-04T10:00:00+08:00"));
            assertThat(a.knowledge()).isEqualTo(Knowledge.ACTUAL);
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
            assertThat(a.safeHarbour()).isEqualTo(SafeHarbour.RETAINED);
        }

        @Test
        void acting_one_second_after_the_deadline_is_late() {
            Assessment a = assess(Cases.noticeAnswered("2024-03-01T10:00:00+08:00", "2024-03-04T10:00:01+08:00"));
            assertThat(a.liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
            assertThat(a.safeHarbour()).isEqualTo(SafeHarbour.LOST);
        }

        @Test
        void the_deadline_is_read_in_the_pack_time_zone_whatever_offset_the_facts_use() {
            Assessment a = assess(Cases.noticeAnswered("2024-03-01T02:00:00Z", "2024-03-04T09:59:00+08:00"));
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void removing_without_forwarding_the_notice_is_not_all_the_necessary_measures_in_cn() {
            CaseFacts c = Cases.withNotice(Cases.plain(), Cases.notice("n1", "2024-03-01T10:00:00+08:00", "en"));
            c = Cases.withAction(c, ActionType.REMOVE_LISTING, "2024-03-01T12:00:00+08:00");
            assertThat(assess(c).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
            assertThat(assess(c, Cases.EU).liability()).as("the EU pack asks only for removal")
                    .isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void the_eu_deadline_is_twelve_hours() {
            CaseFacts c = Cases.noticeAnswered("2024-03-01T10:00:00+01:00", "2024-03-01T22:00:00+01:00");
            assertThat(assess(c, Cases.EU).liability()).isEqualTo(Liability.NOT_LIABLE);
            CaseFacts late = Cases.noticeAnswered("2024-03-01T10:00:00+01:00", "2024-03-01T22:01:00+01:00");
            assertThat(assess(late, Cases.EU).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }

        @Test
        void a_deadline_still_running_at_the_moment_of_judgment_is_not_breached() {
            CaseFacts c = Cases.withNotice(Cases.plain(), Cases.notice("n1", "2024-03-01T10:00:00+08:00", "en"))
                    .withAssessedAt("2024-03-02T10:00:00+08:00");
            Assessment a = assess(c);
            assertThat(a.knowledge()).isEqualTo(Knowledge.ACTUAL);
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
            Assessment later = new Assessor().assess(c, Cases.CN,
                    new Assessor.Options(Optional.of("2024-03-05"), false));
            assertThat(later.liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }

        @Test
        void without_assessedAt_a_case_is_a_closed_record_and_a_notice_never_answered_is_breached() {
            CaseFacts c = Cases.withNotice(Cases.plain(), Cases.notice("n1", "2024-03-01", "en"));
            assertThat(assess(c).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }
    }

    @Nested
    @DisplayName("date-only versus date-time")
    class Dates {
        @Test
        void a_removal_dated_two_days_after_a_notice_dated_to_the_day_is_certainly_in_time() {
            assertThat(assess(Cases.noticeAnswered("2024-03-01", "2024-03-03")).liability())
                    .isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_removal_on_the_third_day_after_is_uncertain_and_the_platform_bears_the_doubt() {
            Assessment a = assess(Cases.noticeAnswered("2024-03-01", "2024-03-04"));
            assertThat(a.liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
            assertThat(a.trace().flatten()).anySatisfy(t ->
                    assertThat(t.conclusion()).contains("cannot show whether it came in time", "presumed late"));
        }

        @Test
        void with_the_presumption_for_the_platform_the_same_dates_are_in_time() throws Exception {
            PolicyPack forPlatform = PolicyPacks.read("CN-for-platform.yaml", PackTexts.cnWith(
                    "uncertainTiming: { value: AGAINST_PLATFORM", "uncertainTiming: { value: FOR_PLATFORM"));
            assertThat(assess(Cases.noticeAnswered("2024-03-01", "2024-03-04"), forPlatform).liability())
                    .isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_date_time_notice_and_a_removal_dated_to_the_day_of_the_deadline_are_uncertain() {
            assertThat(assess(Cases.noticeAnswered("2024-03-01T10:00:00+08:00", "2024-03-04")).liability())
                    .isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
            assertThat(assess(Cases.noticeAnswered("2024-03-01T10:00:00+08:00", "2024-03-03")).liability())
                    .isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_measure_of_unknown_date_is_judged_by_the_presumption() {
            CaseFacts c = Cases.withNotice(Cases.plain(), Cases.notice("n1", "2024-03-01T10:00:00+08:00", "zh"));
            c = Cases.withAction(c, ActionType.REMOVE_LISTING, null);
            c = Cases.withAction(c, ActionType.FORWARD_NOTICE, null);
            assertThat(assess(c).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }
    }

    @Nested
    @DisplayName("notices")
    class Notices {
        @ParameterizedTest(name = "a qualified notice in {0} gives actual knowledge")
        @ValueSource(strings = {"en", "zh", "fr", "de", "ja", "es-MX", "ar"})
        void a_qualified_notice_in_any_language_gives_actual_knowledge(String language) {
            CaseFacts c = Cases.withNotice(Cases.plain(), Cases.notice("n1", "2024-03-01T10:00:00+08:00", language));
            c = Cases.withAction(c, ActionType.REMOVE_LISTING, "2024-03-01T12:00:00+08:00");
            c = Cases.withAction(c, ActionType.FORWARD_NOTICE, "2024-03-01T12:00:00+08:00");
            Assessment a = assess(c);
            assertThat(a.knowledge()).isEqualTo(Knowledge.ACTUAL);
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_deficiency_about_language_is_set_aside() {
            Notice n = new Notice("n1", "2024-03-01T10:00:00+08:00", "en", NoticeElements.ALL, null,
                    List.of("not in Chinese: translation required"), null, null, false);
            Assessment a = assess(Cases.withNotice(Cases.plain(), n));
            assertThat(a.knowledge()).isEqualTo(Knowledge.ACTUAL);
            assertThat(a.trace().flatten()).anySatisfy(t -> {
                assertThat(t.rule()).isEqualTo("notice.language-neutral");
                assertThat(t.conclusion()).contains("set aside: not in Chinese");
            });
        }

        @Test
        void a_notice_without_proof_of_rights_gives_no_knowledge_in_cn_but_does_in_the_eu() {
            Notice n = new Notice("n1", "2024-03-01T10:00:00+08:00", "en",
                    NoticeElements.ALL.without(org.redflag.law.NoticeElement.PROOF_OF_RIGHTS), null, List.of(), null,
                    null, false);
            CaseFacts c = Cases.withNotice(Cases.plain(), n);
            assertThat(assess(c).knowledge()).isEqualTo(Knowledge.NONE);
            assertThat(assess(c, Cases.EU).knowledge()).isEqualTo(Knowledge.ACTUAL);
        }

        @Test
        void a_court_finding_that_a_notice_was_qualified_takes_precedence_over_its_elements() {
            Notice n = new Notice("n1", "2024-03-01T10:00:00+08:00", "en", null, true, List.of(), null, null, false);
            assertThat(assess(Cases.withNotice(Cases.plain(), n)).knowledge()).isEqualTo(Knowledge.ACTUAL);
            Notice not = new Notice("n1", "2024-03-01T10:00:00+08:00", "en", NoticeElements.ALL, false, List.of(),
                    null, null, false);
            assertThat(assess(Cases.withNotice(Cases.plain(), not)).knowledge()).isEqualTo(Knowledge.NONE);
        }

        @Test
        void a_third_notice_against_the_seller_calls_for_action_against_the_account() {
            CaseFacts c = Cases.plain().withSeller(new CaseFacts.Seller("s1", false, 2, 0));
            c = Cases.withNotice(c, Cases.notice("n3", "2024-03-01T10:00:00+08:00", "zh"));
            c = Cases.withAction(c, ActionType.REMOVE_LISTING, "2024-03-01T12:00:00+08:00");
            c = Cases.withAction(c, ActionType.FORWARD_NOTICE, "2024-03-01T12:00:00+08:00");
            Assessment a = assess(c);
            assertThat(a.redFlags()).extracting(Assessment.FlagFinding::code).containsExactly(RedFlag.REPEATED_NOTICES);
            assertThat(a.liability()).isEqualTo(Liability.JOINTLY_LIABLE);
            CaseFacts escalated = Cases.withAction(c, ActionType.RESTRICT_ACCOUNT, "2024-03-02T12:00:00+08:00");
            assertThat(assess(escalated).liability()).isEqualTo(Liability.NOT_LIABLE);
        }
    }

    @Nested
    @DisplayName("counterfeit keywords")
    class Keywords {
        Assessment listing(String title, boolean branded) {
            CaseFacts c = Cases.plain();
            return assess(c.withListing(c.listing().withText(title, null, List.of()).withBranded(branded)));
        }

        @ParameterizedTest(name = "\"{0}\" raises the keyword flag alone")
        @ValueSource(strings = {"高仿 名牌手表", "High Imitation watch", "ＨＩＧＨ ＩＭＩＴＡＴＩＯＮ bag", "super fake sneakers", "精仿包包"})
        void unambiguous_terms_count_alone(String title) {
            assertThat(listing(title, false).redFlags()).extracting(Assessment.FlagFinding::code)
                    .containsExactly(RedFlag.COUNTERFEIT_KEYWORD);
        }

        @ParameterizedTest(name = "\"{0}\" counts only in a branded listing")
        @ValueSource(strings = {"Replica handbag", "1:1 watch", "AAA quality sneakers", "复刻 球鞋", "原单 包"})
        void ambiguous_terms_count_only_with_a_brand(String title) {
            assertThat(listing(title, true).redFlags()).isNotEmpty();
            assertThat(listing(title, false).redFlags()).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\" is a legitimate use")
        @ValueSource(strings = {"高仿真 人造花", "AAA batteries 4-pack", "1:1 scale model car", "原单价 10 元",
            "anti-counterfeit label", "Poem book", "faux leather jacket", "imitation pearls"})
        void legitimate_uses_stay_clean_even_in_branded_listings(String title) {
            assertThat(listing(title, true).redFlags()).isEmpty();
        }
    }

    @Nested
    @DisplayName("duty of care and safe harbour")
    class Duty {
        @Test
        void several_business_models_take_the_highest_duty() {
            Assessment a = assess(Cases.withServices(Cases.plain(), PlatformService.INFORMATION_INTERMEDIARY,
                    PlatformService.LOGISTICS_WAREHOUSING));
            assertThat(a.dutyOfCare()).isEqualTo(org.redflag.law.DutyLevel.MODERATE);
        }

        @Test
        void algorithmic_recommendation_raises_the_duty_one_level_and_loses_the_safe_harbour() {
            CaseFacts c = Cases.plain();
            c = c.withPlatform(c.platform().with(c.platform().services(), true, false, false, null));
            c = c.withListing(c.listing().withBranded(false));
            Assessment a = assess(c);
            assertThat(a.dutyOfCare()).isEqualTo(org.redflag.law.DutyLevel.MODERATE);
            assertThat(a.safeHarbour()).isEqualTo(SafeHarbour.LOST);
            assertThat(a.liability()).as("no knowledge, unbranded: nothing to answer for").isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_platform_presenting_offers_as_its_own_has_no_safe_harbour_and_answers_as_the_seller() {
            CaseFacts c = Cases.plain();
            c = c.withPlatform(c.platform().with(c.platform().services(), false, false, true, null));
            Assessment a = assess(c);
            assertThat(a.safeHarbour()).isEqualTo(SafeHarbour.UNAVAILABLE);
            assertThat(a.liability()).isEqualTo(Liability.JOINTLY_LIABLE);
        }

        @Test
        void in_the_us_a_missing_repeat_infringer_policy_loses_the_safe_harbour_so_a_late_removal_is_joint() {
            CaseFacts late = Cases.noticeAnswered("2024-03-01T10:00:00-05:00", "2024-03-05T10:00:00-05:00");
            assertThat(assess(late, Cases.US).liability()).isEqualTo(Liability.JOINTLY_LIABLE);
            CaseFacts.Measures policy = new CaseFacts.Measures(true, false, false, false, null, true, false, false,
                    false, false, false, false);
            CaseFacts withPolicy = late.withPlatform(late.platform().with(late.platform().services(), false, false,
                    false, policy));
            assertThat(assess(withPolicy, Cases.US).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }

        @Test
        void general_knowledge_alone_is_no_knowledge() {
            CaseFacts c = new CaseFacts("g", null, null, null, null, "CN", null, null, Cases.plain().platform(),
                    Cases.plain().listing(), null, null, null, null, null, null, true, null, null);
            Assessment a = assess(c);
            assertThat(a.knowledge()).isEqualTo(Knowledge.NONE);
            assertThat(a.trace().flatten()).anySatisfy(t -> assertThat(t.rule()).isEqualTo("knowledge.general-only"));
        }
    }

    @Nested
    @DisplayName("counter-notices and restoration")
    class Restoration {
        CaseFacts restored(String forwarded, String restoredAt, String suit) {
            CaseFacts c = Cases.noticeAnswered("2024-03-01T10:00:00+08:00", "2024-03-01T12:00:00+08:00");
            c = Cases.withAction(c, ActionType.RESTORE_LISTING, restoredAt);
            return new CaseFacts(c.id(), null, null, null, null, "CN", null, null, c.platform(), c.listing(),
                    null, c.notices(), List.of(new CaseFacts.CounterNotice("2024-03-02T10:00:00+08:00", forwarded)),
                    suit, c.platformActions(), null, false, null, null);
        }

        @Test
        void restoring_fifteen_days_after_forwarding_the_counter_notice_is_lawful() {
            assertThat(assess(restored("2024-03-02T12:00:00+08:00", "2024-03-17T12:00:00+08:00", null)).liability())
                    .isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void restoring_before_the_waiting_period_ends_lifts_the_removal_unlawfully() {
            assertThat(assess(restored("2024-03-02T12:00:00+08:00", "2024-03-17T11:59:00+08:00", null)).liability())
                    .isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }

        @Test
        void restoring_after_the_right_holder_reported_a_suit_is_unlawful() {
            assertThat(assess(restored("2024-03-02T12:00:00+08:00", "2024-03-20T12:00:00+08:00",
                    "2024-03-10T09:00:00+08:00")).liability()).isEqualTo(Liability.LIABLE_FOR_EXPANDED_DAMAGE);
        }

        @Test
        void us_waiting_period_counts_business_days_and_skips_holidays() {
            CaseFacts c = Cases.noticeAnswered("2024-06-10T10:00:00-04:00", "2024-06-10T12:00:00-04:00");
            CaseFacts early = restoredUs(c, "2024-06-24T09:00:00-04:00");
            CaseFacts onTime = restoredUs(c, "2024-06-25T10:00:00-04:00");
            // Counter-notice received Mon 2024-06-10: 10 business days, skipping Juneteenth (Wed 06-19), end Tue 06-25.
            assertThat(assess(early, Cases.US).liability()).isNotEqualTo(Liability.NOT_LIABLE);
            assertThat(assess(onTime, Cases.US).trace().flatten()).anySatisfy(t -> {
                assertThat(t.rule()).isEqualTo("counter-notice.restoration");
                assertThat(t.outcome()).isEqualTo(TraceNode.Outcome.NOT_APPLIED);
            });
        }

        private CaseFacts restoredUs(CaseFacts c, String at) {
            c = Cases.withAction(c, ActionType.RESTORE_LISTING, at);
            return new CaseFacts(c.id(), null, null, null, null, "US", null, null, c.platform(), c.listing(), null,
                    c.notices(), List.of(new CaseFacts.CounterNotice("2024-06-10T10:00:00-04:00", null)), null,
                    c.platformActions(), null, false, null, null);
        }
    }

    @Nested
    @DisplayName("erroneous notices")
    class Erroneous {
        CaseFacts wrong(Boolean goodFaith, boolean report) {
            Notice n = new Notice("n1", "2024-05-01T09:00:00+08:00", "zh", NoticeElements.ALL, null, List.of(), false,
                    goodFaith, report);
            CaseFacts c = Cases.withNotice(Cases.plain(), n);
            c = Cases.withAction(c, ActionType.REMOVE_LISTING, "2024-05-01T18:00:00+08:00");
            return Cases.withAction(c, ActionType.FORWARD_NOTICE, "2024-05-01T18:00:00+08:00");
        }

        @Test
        void good_faith_with_a_legal_report_reduces_the_notifier_liability_and_the_platform_owes_nothing() {
            Assessment a = assess(wrong(true, true));
            assertThat(a.notifierLiability()).hasValueSatisfying(n -> {
                assertThat(n.liability()).isEqualTo("REDUCED_OR_EXEMPT");
                assertThat(n.platformTowardsSeller()).isEqualTo("NONE");
            });
            assertThat(a.liability()).isEqualTo(Liability.NOT_LIABLE);
        }

        @Test
        void a_notice_not_made_in_good_faith_is_malicious_and_costs_double_in_cn() {
            Assessment a = assess(wrong(false, true));
            assertThat(a.notifierLiability()).hasValueSatisfying(n -> {
                assertThat(n.liability()).isEqualTo("MALICIOUS");
                assertThat(n.reasons().get(0)).contains("×2");
            });
        }

        @Test
        void an_absent_good_faith_reads_as_ordinary_liability_by_the_pack_default() {
            assertThat(assess(wrong(null, false)).notifierLiability()).hasValueSatisfying(n ->
                    assertThat(n.liability()).isEqualTo("ORDINARY"));
        }

        @Test
        void an_inaccurate_notice_leaves_no_infringement_even_when_the_platform_was_late() {
            CaseFacts c = wrong(true, false);
            c = c.withActions(List.of());
            assertThat(assess(c).liability()).isEqualTo(Liability.NOT_LIABLE);
        }
    }

    @Test
    void a_served_foreign_order_given_effect_in_time_leaves_the_platform_not_liable() {
        CaseFacts c = Cases.plain().withForeignOrders(List.of(new CaseFacts.ForeignOrder("TRO", "N.D. Ill.",
                "2024-01-10", "2024-01-12", "2024-01-13")));
        assertThat(assess(c).redFlags()).extracting(Assessment.FlagFinding::code).containsExactly(RedFlag.FOREIGN_ORDER);
        assertThat(assess(c).liability()).isEqualTo(Liability.NOT_LIABLE);
        CaseFacts ignored = c.withForeignOrders(List.of(c.foreignOrders().get(0).withImplementedAt(null)));
        assertThat(assess(ignored).liability()).isEqualTo(Liability.JOINTLY_LIABLE);
    }
}
