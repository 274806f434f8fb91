package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.law.RedFlag;
import org.redflag.synthetic.Marketplace;
import tools.jackson.databind.json.JsonMapper;

/** Each detector at its boundary, bad feed lines, and the whole pipeline against a generated marketplace. */
class ScreenerTests {

    static final PolicyPack CN = PolicyPacks.builtIn().find("CN").orElseThrow();
    static final CounterfeitDictionary DICTIONARY = CounterfeitDictionary.shipped();
    static ReferenceData reference;

    @BeforeAll
    static void reference(@TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.csv");
        Files.writeString(prices, "brand,category,price,currency\nGucci,bags,1000,CNY\nGucci,,500,CNY\n");
        Path banned = dir.resolve("banned.jsonl");
        Files.writeString(banned, "{\"sellerId\":\"bad-seller\"}\n");
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, "sellerId,kind,court,issuedAt,servedAt\ntro-seller,TRO,N.D. Ill.,2024-01-10,\n");
        reference = ReferenceData.load(prices, banned, orders, DICTIONARY);
    }

    static Listing listing(String title, String brand, String category, Double price, String currency) {
        return new Listing("x", "s1", title, null, brand, category, price, currency, null, null, null, null, null, null);
    }

    static Set<RedFlag> flags(Listing l, CategoryStats stats) {
        Set<RedFlag> out = EnumSet.noneOf(RedFlag.class);
        new Screener(DICTIONARY, reference, stats, CN).screen(l).flags().forEach(f -> out.add(f.code()));
        return out;
    }

    @Test
    void price_exactly_at_seventy_percent_is_clean_and_a_cent_under_is_flagged() {
        CategoryStats none = new CategoryStats();
        assertThat(flags(listing("Gucci bag", "Gucci", "bags", 700.0, "CNY"), none)).isEmpty();
        assertThat(flags(listing("Gucci bag", "古驰", "bags", 699.99, "CNY"), none))
                .containsExactly(RedFlag.PRICE_BELOW_GENUINE);
        assertThat(flags(listing("Gucci belt", "Gucci", "belts", 349.0, "CNY"), none)).as("the brand's default")
                .containsExactly(RedFlag.PRICE_BELOW_GENUINE);
    }

    @Test
    void a_genuine_price_is_found_whatever_the_case_and_spacing_of_the_category_and_again_when_asked_again() {
        for (int round = 0; round < 2; round++) { // the second round answers from what the first looked up
            assertThat(reference.genuinePrice("Gucci", " BAGS ").price()).as("round %d", round).isEqualTo(1000);
            assertThat(reference.genuinePrice("Gucci", "bags").price()).isEqualTo(1000);
            assertThat(reference.genuinePrice("Gucci", "belts").price()).as("the brand's default").isEqualTo(500);
            assertThat(reference.genuinePrice("Gucci", null).price()).isEqualTo(500);
            assertThat(reference.genuinePrice("Chanel", "bags")).as("no price for the brand").isNull();
        }
    }

    @Test
    void a_term_in_the_description_is_shown_where_it_stands_in_the_title_a_newline_and_the_description() {
        // "ﬃ" folds to three letters and "㈱" to three characters: the span still points at the original
        Listing l = new Listing("x", "s1", "ﬃ Gucci bag", "㈱ 全新 高仿 品质", "Gucci", "bags", null, null, null, null,
                null, null, null, null);
        Screener.Flag flag = new Screener(DICTIONARY, reference, new CategoryStats(), CN).screen(l).flags().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> match = ((List<Map<String, Object>>) flag.evidence().get("matches")).get(0);
        String text = l.title() + "\n" + l.description();
        assertThat(match.get("text")).isEqualTo("高仿");
        assertThat(text.substring((Integer) match.get("start"), (Integer) match.get("end"))).isEqualTo("高仿");
        assertThat(match.get("start")).isEqualTo(text.indexOf("高仿"));
    }

    @Test
    void a_dictionary_entrys_cjk_and_spaced_forms_come_from_its_term_whatever_is_passed() {
        var latin = new CounterfeitDictionary.Entry(CounterfeitDictionary.Kind.ALONE, "high imitation",
                "highimitation", null, "x", true, false);
        assertThat(latin.cjk()).isFalse();
        assertThat(latin.spaced()).isTrue();
        var cjk = new CounterfeitDictionary.Entry(CounterfeitDictionary.Kind.ALONE, "高仿", "高仿", null, "x");
        assertThat(cjk.cjk()).isTrue();
        assertThat(cjk.spaced()).isFalse();
    }

    @Test
    void unbranded_goods_and_brands_merely_named_are_never_priced() {
        CategoryStats none = new CategoryStats();
        assertThat(flags(listing("bag", null, "bags", 10.0, "CNY"), none)).isEmpty();
        assertThat(flags(listing("strap compatible with Gucci bags", null, "bags", 10.0, "CNY"), none)).isEmpty();
    }

    @Test
    void a_currency_mismatch_is_an_error_not_a_guess() {
        assertThatThrownBy(() -> flags(listing("Gucci bag", "Gucci", "bags", 100.0, "EUR"), new CategoryStats()))
                .isInstanceOf(Screener.CurrencyMismatch.class).hasMessageContaining("EUR")
                .hasMessageContaining("CNY");
    }

    static CategoryStats stats(String category, int listings, double units, double negative) {
        CategoryStats s = new CategoryStats();
        for (int i = 0; i < listings; i++) {
            s.add(new Listing("c" + i, "s", "t", null, null, category, null, null, units, 10, negative, null, null,
                    null));
        }
        return s;
    }

    static Listing selling(double units, double negative, String category) {
        return new Listing("x", "s1", "shoes", null, null, category, null, null, units, 100, negative, null, null, null);
    }

    @Test
    void sales_over_ten_times_with_over_twice_the_negative_share_are_an_anomaly() {
        CategoryStats s = stats("shoes", 100, 100, 0.1);
        assertThat(flags(selling(1000, 0.5, "shoes"), s)).as("exactly 10×").isEmpty();
        assertThat(flags(selling(1001, 0.5, "shoes"), s)).containsExactly(RedFlag.SALES_ANOMALY);
        assertThat(flags(selling(5000, 0.2, "shoes"), s)).as("exactly twice the share").isEmpty();
        assertThat(flags(selling(5000, 0.05, "shoes"), s)).as("a best-seller people like").isEmpty();
    }

    @Test
    void a_tiny_category_is_measured_against_the_whole_feed() {
        CategoryStats s = stats("shoes", 100, 100, 0.1);
        s.add(selling(50, 0.5, "rare"));
        assertThat(flags(selling(900, 0.5, "rare"), s)).isEmpty();
        assertThat(flags(selling(1500, 0.5, "rare"), s)).containsExactly(RedFlag.SALES_ANOMALY);
    }

    @Test
    void risk_combines_the_packs_weights_of_the_flags_raised() throws Exception {
        Listing l = listing("高仿 Gucci bag", "Gucci", "bags", 100.0, "CNY"); // a term alone, and the price
        assertThat(new Screener(DICTIONARY, reference, new CategoryStats(), CN).screen(l).risk())
                .as("1 - (1 - 0.7)(1 - 0.5)").isEqualTo(0.85);
        PolicyPack heavier = PolicyPacks.read("heavier.yaml", new String(PolicyPacks.class.getResourceAsStream(
                "/org/redflag/law/packs/CN.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("COUNTERFEIT_KEYWORD_ALONE: 0.7", "COUNTERFEIT_KEYWORD_ALONE: 0.9")
                .replace("PRICE_BELOW_GENUINE: 0.5", "PRICE_BELOW_GENUINE: 0.0"));
        assertThat(new Screener(DICTIONARY, reference, new CategoryStats(), heavier).screen(l).risk())
                .as("1 - (1 - 0.9)(1 - 0)").isEqualTo(0.9);
    }

    @Test
    void the_smallest_category_with_an_average_of_its_own_is_the_packs() throws Exception {
        CategoryStats s = stats("shoes", 100, 100, 0.1);
        for (int i = 0; i < 10; i++) {
            s.add(selling(10, 0.1, "rare"));
        }
        Listing l = selling(900, 0.5, "rare"); // 90 times the rare category's 10 units, 9 times the whole feed's 100
        assertThat(flags(l, s)).as("10 listings are under CN's 20: the whole feed's average").isEmpty();
        PolicyPack ten = PolicyPacks.read("ten.yaml", new String(PolicyPacks.class.getResourceAsStream(
                "/org/redflag/law/packs/CN.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("minCategoryListings: \\{ value: 20,", "minCategoryListings: { value: 10,"));
        assertThat(ten.redFlags().minCategoryListings().value()).isEqualByComparingTo("10");
        assertThat(new Screener(DICTIONARY, reference, s, ten).screen(l).flags()).extracting(Screener.Flag::code)
                .as("a pack whose smallest category is 10: the category's own").containsExactly(RedFlag.SALES_ANOMALY);
    }

    @Test
    void banned_sellers_and_sellers_under_a_foreign_order_are_flagged_by_exact_id() {
        Listing banned = new Listing("x", "bad-seller", "scarf", null, null, null, null, null, null, null, null, null,
                null, null);
        Listing ordered = new Listing("x", "tro-seller", "scarf", null, null, null, null, null, null, null, null, null,
                null, null);
        Listing near = new Listing("x", "bad-seller-2", "scarf", null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(flags(banned, new CategoryStats())).containsExactly(RedFlag.LINKED_TO_BANNED_SELLER);
        assertThat(flags(ordered, new CategoryStats())).containsExactly(RedFlag.FOREIGN_ORDER);
        assertThat(flags(near, new CategoryStats())).isEmpty();
    }

    @Test
    void flags_carry_a_sentence_evidence_citations_and_a_risk() {
        Screener.Result r = new Screener(DICTIONARY, reference, new CategoryStats(), CN)
                .screen(listing("Gucci 高仿 bag", "Gucci", "bags", 100.0, "CNY"));
        assertThat(r.flags()).extracting(Screener.Flag::code)
                .containsExactly(RedFlag.COUNTERFEIT_KEYWORD, RedFlag.PRICE_BELOW_GENUINE);
        assertThat(r.flags().get(1).detail()).contains("100.00 CNY", "10 %", "70 %");
        assertThat(r.flags().get(0).citations()).contains("seed.s3.1");
        assertThat(r.risk()).isEqualTo(0.85);
    }

    @Test
    void bad_feed_lines_name_their_line_and_field() {
        assertThat(ListingReader.parse(3, "{not json").bad().toString()).startsWith("line 3: not valid JSON");
        assertThat(ListingReader.parse(4, "{\"title\":\"t\"}").bad().field()).isEqualTo("id");
        assertThat(ListingReader.parse(5, "{\"id\":\"a\",\"title\":\"t\",\"price\":-1}").bad().field())
                .isEqualTo("price");
        assertThat(ListingReader.parse(6, "{\"id\":\"a\",\"title\":\"t\",\"currency\":\"euro\"}").bad().field())
                .isEqualTo("currency");
        assertThat(ListingReader.parse(7, "{\"id\":\"a\",\"title\":\"t\"} {}").bad().message()).contains("more than one");
        assertThat(ListingReader.parse(8, "{\"id\":\"a\",\"title\":\"t\",\"extra\":{\"x\":[1]}}").listing())
                .isNotNull();
    }

    @Test
    void a_feed_line_that_is_not_utf8_says_so_and_where() {
        byte[] binary = {(byte) 0xff, 'x', (byte) 0xfe};
        assertThat(ListingReader.parse(9, binary, 0, binary.length).bad().toString())
                .isEqualTo("line 9: not UTF-8 text (byte 0xFF, the line's byte 1); save the file as UTF-8");
        for (byte[] utf16 : List.of(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0}, new byte[] {(byte) 0xfe,
            (byte) 0xff, 0, '{'})) {
            assertThat(ListingReader.parse(1, utf16, 0, utf16.length).bad().toString()).isEqualTo(String.format(
                    "line 1: UTF-16 text (it starts with the UTF-16 byte-order mark %02X %02X); save the file as"
                            + " UTF-8", utf16[0] & 0xff, utf16[1] & 0xff));
        }
        byte[] latin1 = "..{\"id\":\"a\",\"title\":\"t\"}\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ListingReader.parse(10, latin1, 2, latin1.length - 2).bad().message())
                .startsWith("not UTF-8 text (byte 0xE9, the line's byte 23)");
        byte[] utf8 = "{\"id\":\"a\",\"title\":\"t\"} \u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(ListingReader.parse(11, utf8, 0, utf8.length).bad().message()).startsWith("not valid JSON");
    }

    /** Every line to {@code line}; no line of a generated feed is too long. */
    private static org.redflag.source.JsonLines.Sink sink(Lines line) {
        return new org.redflag.source.JsonLines.Sink() {
            @Override
            public void line(byte[] b, int off, int len, long number) {
                line.line(b, off, len, number);
            }

            @Override
            public void tooLong(long number, int limit) {
                throw new AssertionError("line " + number + " is longer than " + limit + " bytes");
            }
        };
    }

    private interface Lines {
        void line(byte[] b, int off, int len, long number);
    }

    @Test
    void on_a_generated_marketplace_every_detector_reaches_its_precision_and_recall(@TempDir Path dir)
            throws Exception {
        int n = 20_000;
        Marketplace.Files files = Marketplace.Files.in(dir);
        new Marketplace(7, n).write(files, n, null);
        ReferenceData ref = ReferenceData.load(files.genuinePrices(), files.bannedSellers(), files.foreignOrders(),
                DICTIONARY);
        CategoryStats stats = new CategoryStats();
        byte[] feed = Files.readAllBytes(files.listings());
        org.redflag.source.JsonLines.read(new java.io.ByteArrayInputStream(feed), 1 << 20, sink(
                (b, off, len, number) -> stats.addLine(b, off, len)));
        Screener screener = new Screener(DICTIONARY, ref, stats, CN);
        Map<RedFlag, long[]> tally = new EnumMap<>(RedFlag.class);
        try (BufferedReader labels = Files.newBufferedReader(files.labels(), StandardCharsets.UTF_8)) {
            org.redflag.source.JsonLines.read(new java.io.ByteArrayInputStream(feed), 1 << 20, sink(
                    (b, off, len, number) -> {
                        ListingReader.Line line = ListingReader.parse(number, b, off, len);
                        Set<RedFlag> truth = EnumSet.noneOf(RedFlag.class);
                        try {
                            JsonMapper.shared().readTree(labels.readLine()).get("flags")
                                    .forEach(f -> truth.add(RedFlag.valueOf(f.asString())));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        Set<RedFlag> found = EnumSet.noneOf(RedFlag.class);
                        screener.screen(line.listing()).flags().forEach(f -> found.add(f.code()));
                        for (RedFlag f : RedFlag.values()) {
                            long[] t = tally.computeIfAbsent(f, k -> new long[3]);
                            t[found.contains(f) && truth.contains(f) ? 0 : found.contains(f) ? 1
                                    : truth.contains(f) ? 2 : 0] += found.contains(f) || truth.contains(f) ? 1 : 0;
                        }
                    }));
        }
        for (RedFlag f : EnumSet.of(RedFlag.COUNTERFEIT_KEYWORD, RedFlag.PRICE_BELOW_GENUINE, RedFlag.SALES_ANOMALY,
                RedFlag.LINKED_TO_BANNED_SELLER, RedFlag.FOREIGN_ORDER)) {
            long[] t = tally.get(f);
            double precision = (double) t[0] / (t[0] + t[1]);
            double recall = (double) t[0] / (t[0] + t[2]);
            double goal = f == RedFlag.COUNTERFEIT_KEYWORD ? 0.97 : 0.99;
            assertThat(t[0]).as("%s true positives", f).isGreaterThan(20);
            assertThat(precision).as("%s precision", f).isGreaterThanOrEqualTo(goal);
            assertThat(recall).as("%s recall", f).isGreaterThanOrEqualTo(goal);
        }
    }
}
