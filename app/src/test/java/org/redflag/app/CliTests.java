package org.redflag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.app.CliRun.noStackTrace;
import static org.redflag.app.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.CliRun.Run;
import org.redflag.source.JsonSchemaCheck;
import org.redflag.source.SourceDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line as a user meets it: outputs, exit codes and messages, bad input included. */
class CliTests {

    static final Path EXAMPLES = Path.of("..", "examples", "cases");


    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "redflag.identity.index|bogus|expected memory or database; found \"bogus\"",
        "redflag.identity.region|XX|expected a two-letter region libphonenumber knows",
        "redflag.identity.max-hops|0|expected 1 to 50; found 0",
        "redflag.deadlines.warn-at-fraction|1.5|expected a fraction of the response period above 0 and below 1;"
                + " found 1.5",
        "redflag.screening.category-stats|/no/such/stats.csv|/no/such/stats.csv: no such file",
        "redflag.notices.write-lanes|0|expected how many groups of filings may be written at once, 1 to 64;"
                + " found 0",
        "redflag.notices.write-lanes|many|cannot read \"many\" as a whole number",
        "redflag.login.max-failures|0|expected 1 or more; found 0",
        "redflag.login.lockout|-5m|expected a positive duration; found PT-5M",
        "redflag.login.lockout|abc|cannot read \"abc\" as a duration (such as 15m",
        "redflag.webhooks.max-attempts|lots|cannot read \"lots\" as a whole number",
        "redflag.webhooks.max-attempts|0|expected 1 to 100; found 0",
        "redflag.webhooks.keep|-1d|expected a positive duration such as P30D",
        "redflag.webhooks.allow-private-addresses|maybe|cannot read \"maybe\" as true or false"})
    void serve_refuses_a_bad_setting_by_name_with_exit_2(String setting, String value, String message,
                                                         @TempDir Path dir) {
        System.setProperty(setting, value);
        try {
            Run r = run("serve", "--port", "0", "--data", dir.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("redflag: " + setting + ": " + message);
        } finally {
            System.clearProperty(setting);
        }
    }

    @Test
    void serve_refuses_an_unreadable_reference_file_with_its_line(@TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.csv");
        Files.writeString(prices, "brand,category,price,currency\nGucci,bags,cheap,CNY\n");
        System.setProperty("redflag.screening.genuine-prices", prices.toString());
        try {
            Run r = run("serve", "--port", "0", "--data", dir.resolve("data").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("redflag: redflag.screening.genuine-prices", "prices.csv:2", "cheap");
        } finally {
            System.clearProperty("redflag.screening.genuine-prices");
        }
    }

    /** Picocli wraps a footer or header line longer than the usage width, leaving a word alone on a line. */
    @Test
    void every_footer_and_header_line_of_every_command_fits_the_help_width() {
        List<String> tooLong = new ArrayList<>();
        List<picocli.CommandLine> commands = new ArrayList<>(List.of(Redflag.commandLine(new String[0])));
        for (int i = 0; i < commands.size(); i++) {
            var spec = commands.get(i).getCommandSpec();
            commands.addAll(spec.subcommands().values());
            int width = spec.usageMessage().width();
            for (String line : concat(spec.usageMessage().footer(), spec.usageMessage().header())) {
                for (String rendered : String.format(line).split("\\R")) {
                    if (rendered.length() > width) {
                        tooLong.add(spec.qualifiedName() + ": " + rendered);
                    }
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(10);
        assertThat(tooLong).isEmpty();
    }

    private static List<String> concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all;
    }

    @Test
    void an_output_that_is_an_input_is_refused_and_the_input_is_left_whole(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.jsonl");
        String listing = "{\"id\":\"L-1\",\"title\":\"高仿 Gucci bag\"}\n";
        Files.writeString(feed, listing);
        Path stats = dir.resolve("stats.csv");
        assertThat(run("screen", feed.toString(), "--save-category-stats", stats.toString(), "--out",
                dir.resolve("r.jsonl").toString(), "--no-progress").code()).isEqualTo(0);
        String savedStats = Files.readString(stats);
        Path sellers = dir.resolve("sellers.jsonl");
        Files.writeString(sellers, "{\"id\":\"s1\",\"phones\":[\"+86 139 1111 2222\"]}\n");
        List<String[]> runs = List.of(
                new String[] {"screen", feed.toString(), "--out", feed.toString(), "--no-progress"},
                new String[] {"screen", feed.toString(), "--out", dir.resolve("./feed.jsonl").toString()},
                new String[] {"screen", feed.toString(), "--category-stats", stats.toString(),
                    "--save-category-stats", stats.toString(), "--out", dir.resolve("r2.jsonl").toString()},
                new String[] {"screen", feed.toString(), "--out", dir.resolve("same.csv").toString(),
                    "--save-category-stats", dir.resolve("same.csv").toString()},
                new String[] {"link", sellers.toString(), "--out", sellers.toString()});
        for (String[] args : runs) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("writing it would destroy it");
            noStackTrace(r);
        }
        assertThat(Files.readString(feed)).isEqualTo(listing);
        assertThat(Files.readString(stats)).isEqualTo(savedStats);
        assertThat(Files.readString(sellers)).contains("+86 139 1111 2222");
        assertThat(Files.exists(dir.resolve("same.csv"))).isFalse();
    }

    @Test
    void a_ledger_another_process_has_open_is_refused_by_name_and_left_as_it_was(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("snapshot.html");
        Files.writeString(file, "<html>高仿</html>");
        Path ledger = dir.resolve("ledger");
        assertThat(run("evidence", "add", "--ledger", ledger.toString(), file.toString()).code()).isEqualTo(0);
        String entries = Files.readString(ledger.resolve("entries.jsonl"));
        try (var held = org.redflag.evidence.Ledger.open(ledger, java.time.Clock.systemUTC(), "test",
                java.util.Optional.empty())) {
            Run add = run("evidence", "add", "--ledger", ledger.toString(), file.toString());
            assertThat(add.code()).isEqualTo(2);
            assertThat(add.err()).contains("redflag: the ledger in " + ledger + " is open in another process");
            noStackTrace(add);
            // a server whose data directory's ledger is held says which setting to change
            Path data = dir.resolve("data");
            try (var serverLedger = org.redflag.evidence.Ledger.open(data.resolve("evidence"),
                    java.time.Clock.systemUTC(), "test", java.util.Optional.empty())) {
                Run serve = run("serve", "--port", "0", "--data", data.toString());
                assertThat(serve.code()).isEqualTo(2);
                assertThat(serve.err()).contains("--data: the ledger in", "is open in another process",
                        "another Redflag server");
            }
        }
        assertThat(Files.readString(ledger.resolve("entries.jsonl"))).isEqualTo(entries);
        assertThat(run("evidence", "add", "--ledger", ledger.toString(), file.toString()).code())
                .as("free again once the other closes it").isEqualTo(0);
    }

    @Test
    void assess_with_no_file_assesses_the_bundled_examples_and_prints_the_table() {
        Run r = run("assess");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("CASE", "LIABILITY", "lv-v-douyin", "JOINTLY_LIABLE",
                "14 cases assessed; 14 of 14 with an expected outcome agree.");
        assertThat(r.out().lines().filter(l -> l.matches("^[a-z0-9-]+ +CN .*"))).hasSize(14);
    }

    @Test
    void one_case_prints_the_full_report_outcome_first() {
        Run r = run("assess", EXAMPLES.resolve("rules/late-removal-after-notice.json").toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("OUTCOME  LIABLE_FOR_EXPANDED_DAMAGE", "REASONING", "measures.in-time",
                "TABLE 2 OBLIGATIONS", "JUDICIAL TEST", "COUNTERFACTUALS", "PROVISIONS CITED", "[cn.ecl.art42]");
        assertThat(r.out().indexOf("OUTCOME")).isLessThan(r.out().indexOf("REASONING"));
        assertThat(r.out()).doesNotContain("CASE  PACK");
    }

    @Test
    void json_output_meets_the_assessment_schema() throws Exception {
        Run r = run("assess", "--format", "json", EXAMPLES.resolve("lv-v-douyin.json").toString());
        assertThat(r.code()).isEqualTo(0);
        SourceDocument doc = SourceDocument.parse("out.json", r.out(), SourceDocument.Format.JSON);
        assertThat(JsonSchemaCheck.fromResource("/org/redflag/schemas/assessment.schema.json").check(doc)).isEmpty();
        assertThat(doc.root().get("liability").asString()).isEqualTo("JOINTLY_LIABLE");
        assertThat(doc.root().get("knowledge").asString()).isEqualTo("CONSTRUCTIVE");
    }

    @Test
    void a_directory_assesses_in_batch_as_a_json_array_with_the_table_on_stderr() {
        Run r = run("assess", "--format", "json", "--no-counterfactuals", EXAMPLES.toString());
        assertThat(r.code()).isEqualTo(0);
        JsonNode array = JsonMapper.shared().readTree(r.out());
        assertThat(array.size()).isEqualTo(14);
        assertThat(r.err()).contains("14 of 14");
    }

    @Test
    void policy_overrides_the_case_jurisdiction() {
        Run r = run("assess", "--format", "json", "--policy", "EU",
                EXAMPLES.resolve("rules/late-removal-after-notice.json").toString());
        JsonNode json = JsonMapper.shared().readTree(r.out());
        assertThat(json.get("policy").get("id").asString()).isEqualTo("EU");
        assertThat(json.get("findings").toString()).contains("12 hours");
    }

    @Test
    void as_of_judges_at_an_earlier_moment() {
        Run r = run("assess", "--as-of", "2024-03-02T00:00:00+08:00",
                EXAMPLES.resolve("rules/late-removal-after-notice.json").toString());
        assertThat(r.out()).contains("OUTCOME  NOT_LIABLE", "had not passed");
    }

    @Test
    void a_bad_file_in_a_batch_is_reported_with_its_line_and_path_and_the_good_ones_still_assessed(
            @TempDir Path dir) throws Exception {
        Files.copy(EXAMPLES.resolve("lv-v-douyin.json"), dir.resolve("a-good.json"));
        Files.writeString(dir.resolve("b-bad.json"), """
                {
                  "id": "bad",
                  "jurisdiction": "CN",
                  "platform": { "services": ["SHOP"] }
                }
                """);
        Files.writeString(dir.resolve("c-broken.json"), "{ not json");
        Run r = run("assess", "--summary", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("lv-v-douyin", "JOINTLY_LIABLE", "INVALID INPUT", "1 case assessed, 2 invalid");
        assertThat(r.err()).contains("b-bad.json:4: $.platform.services[0]: expected one of")
                .contains("c-broken.json:1: not valid JSON");
        noStackTrace(r);
    }

    @Test
    void a_missing_file_is_bad_input() {
        Run r = run("assess", "no-such-case.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-case.json: no such file or directory");
        noStackTrace(r);
    }

    @Test
    void a_device_named_as_a_case_is_not_a_regular_file_and_is_not_read() {
        Run r = run("assess", "/dev/zero"); // endless: reading it would never finish
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("/dev/zero: not a regular file");
        noStackTrace(r);
    }

    @Test
    void an_unknown_jurisdiction_names_the_field_and_the_way_out(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"id\":\"x\",\"jurisdiction\":\"XX\",\"platform\":{\"services\":[\"PAYMENT_SETTLEMENT\"]}}");
        Run r = run("assess", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$.jurisdiction", "\"XX\"", "--policy FILE");
    }

    @Test
    void a_case_that_disagrees_with_its_expected_outcome_exits_1_and_is_listed_as_a_miss(@TempDir Path dir)
            throws Exception {
        String text = Files.readString(EXAMPLES.resolve("rules/price-at-72-percent.json"))
                .replace("\"platformLiable\": false", "\"platformLiable\": true");
        Files.writeString(dir.resolve("wrong.json"), text);
        Files.copy(EXAMPLES.resolve("lv-v-douyin.json"), dir.resolve("lv.json"));
        Run r = run("assess", "--summary", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("1 of 2 with an expected outcome agree", "Misses:",
                "price-at-72-percent: expected liable, NONE, assessed not liable, NONE");
    }

    @Test
    void bad_options_are_bad_input_with_a_hint() {
        Run unknown = run("assess", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'", "redflag assess --help");
        Run format = run("assess", "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("--format", "xml");
        Run asOf = run("assess", "--as-of", "yesterday");
        assertThat(asOf.code()).isEqualTo(2);
        assertThat(asOf.err()).contains("--as-of", "yesterday");
        Run policy = run("assess", "--policy", "XX", EXAMPLES.toString());
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err()).contains("--policy", "shipped packs: CN, EU, US");
    }

    @Test
    void policies_lists_the_packs_and_shows_one_readably() {
        Run list = run("policies");
        assertThat(list.code()).isEqualTo(0);
        assertThat(list.out()).contains("CN ", "EU ", "US ", "72 hours", "12 hours");
        Run show = run("policies", "show", "CN");
        assertThat(show.code()).isEqualTo(0);
        assertThat(show.out()).contains("response deadline: 72 hours", "[cn.ecl.art42]", "price ratio: 0.7",
                "PRICE_BELOW_GENUINE", "counts from HIGH", "strike 3 → TERMINATE_ACCOUNT", "E-Commerce Law of the PRC");
        assertThat(show.out()).contains("Policy pack CN 2024.2", "smallest category compared: 20 listings",
                "risk weights: unambiguous term 0.7, term beside a brand 0.5, price 0.5, sales 0.4, banned seller 0.6,"
                        + " foreign order 0.7");
    }

    @Test
    void a_malformed_custom_pack_is_refused_with_its_line_and_field(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("mine.yaml");
        Files.writeString(pack, "id: MINE\nversion: \"1\"\nname: Mine\ntimeZone: UTC\nprovisions: {}\n");
        Run r = run("policies", "show", pack.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("mine.yaml:1: $.dutyOfCare: required field \"dutyOfCare\" is missing");
        noStackTrace(r);
        Run assess = run("assess", "--policy", pack.toString(), EXAMPLES.toString());
        assertThat(assess.code()).isEqualTo(2);
    }

    @Test
    void evidence_add_export_and_verify_offline(@TempDir Path dir) throws Exception {
        Path snap = dir.resolve("listing.html");
        Files.writeString(snap, "<html>高仿 bag</html>");
        Path ledger = dir.resolve("ledger");
        Run add = run("evidence", "add", "--ledger", ledger.toString(), "--captured-by", "analyst",
                "--source-url", "https://shop.example/1", snap.toString());
        assertThat(add.code()).as(add.err()).isEqualTo(0);
        assertThat(add.out()).contains("0  ", "tree head: 1 entries");
        Path bundle = dir.resolve("b.zip");
        Run export = run("evidence", "export", "--ledger", ledger.toString(), "--out", bundle.toString());
        assertThat(export.code()).as(export.err()).isEqualTo(0);
        Run verify = run("verify", bundle.toString());
        assertThat(verify.code()).isEqualTo(0);
        assertThat(verify.out()).contains("HOLDS", "artifacts/0-listing.html", "tree-head.tsr");
        noStackTrace(verify);

        Path broken = dir.resolve("broken.zip");
        Run notABundle = run("verify", snap.toString());
        assertThat(notABundle.code()).isEqualTo(2);
        assertThat(notABundle.err()).contains("not an evidence bundle");
        Run proof = run("evidence", "proof", "--ledger", ledger.toString(), "--item", "0");
        assertThat(proof.out()).contains("\"leafIndex\":0", "\"treeSize\":1");
        Run badItem = run("evidence", "proof", "--ledger", ledger.toString(), "--item", "5");
        assertThat(badItem.code()).isEqualTo(2);
        assertThat(badItem.err()).contains("--item");
        Run missing = run("evidence", "add", "--ledger", ledger.toString(), dir.resolve("nope.txt").toString());
        assertThat(missing.code()).isEqualTo(2);
        Run noLedger = run("evidence", "export", "--ledger", dir.resolve("none").toString(), "--out",
                broken.toString());
        assertThat(noLedger.code()).isEqualTo(2);
        assertThat(noLedger.err()).contains("no ledger here");
        Run toDirectory = run("evidence", "export", "--ledger", ledger.toString(), "--out", dir.toString());
        assertThat(toDirectory.code()).isEqualTo(2);
        assertThat(toDirectory.err()).contains(dir + ": is a directory, not a file");
        String entries = Files.readString(ledger.resolve("entries.jsonl"));
        for (Path inLedger : List.of(ledger.resolve("entries.jsonl"), ledger.resolve("bundle.zip"),
                ledger.resolve("keys").resolve("../tree.zip"))) {
            Run intoLedger = run("evidence", "export", "--ledger", ledger.toString(), "--out", inLedger.toString());
            assertThat(intoLedger.code()).as(inLedger.toString()).isEqualTo(2);
            assertThat(intoLedger.err()).contains("is inside the ledger");
        }
        assertThat(Files.readString(ledger.resolve("entries.jsonl"))).isEqualTo(entries);
        assertThat(run("verify", bundle.toString()).code()).isEqualTo(0);
    }

    @Test
    void generate_screen_and_evaluate_with_results_that_meet_the_contract(@TempDir Path dir) throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(run("generate", "--listings", "3000", "--seed", "3", "--out", gen.toString()).code()).isEqualTo(0);
        Path results = dir.resolve("results.jsonl");
        Run screen = run("screen", gen.resolve("listings.jsonl").toString(), "--genuine-prices",
                gen.resolve("genuine-prices.csv").toString(), "--banned-sellers",
                gen.resolve("banned-sellers.jsonl").toString(), "--foreign-orders",
                gen.resolve("foreign-orders.csv").toString(), "--out", results.toString(), "--no-progress");
        assertThat(screen.code()).as(screen.err()).isEqualTo(0);
        assertThat(screen.err()).contains("screened 3,000 listings", "COUNTERFEIT_KEYWORD");
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(3000);
        JsonSchemaCheck schema = JsonSchemaCheck.fromResource("/org/redflag/schemas/screening-result.schema.json");
        for (int i = 0; i < 200; i++) {
            assertThat(schema.check(SourceDocument.parse("line " + (i + 1), lines.get(i), SourceDocument.Format.JSON)))
                    .isEmpty();
        }
        assertThat(lines.get(0)).startsWith("{\"listingId\":\"L0\"");
        Path oneThread = dir.resolve("one-thread.jsonl");
        Run one = run("screen", gen.resolve("listings.jsonl").toString(), "--genuine-prices",
                gen.resolve("genuine-prices.csv").toString(), "--banned-sellers",
                gen.resolve("banned-sellers.jsonl").toString(), "--foreign-orders",
                gen.resolve("foreign-orders.csv").toString(), "--out", oneThread.toString(), "--no-progress",
                "--threads", "1");
        assertThat(one.code()).as(one.err()).isEqualTo(0);
        assertThat(Files.readAllBytes(oneThread)).as("one thread, the same results").isEqualTo(
                Files.readAllBytes(results));
        for (String threads : new String[] {"0", "257", "many"}) {
            Run bad = run("screen", gen.resolve("listings.jsonl").toString(), "--threads", threads);
            assertThat(bad.code()).as(threads).isEqualTo(2);
            assertThat(bad.err()).contains("--threads");
            noStackTrace(bad);
        }
        Run eval = run("evaluate", "--labels", gen.resolve("labels.jsonl").toString(), results.toString());
        assertThat(eval.out()).contains("COUNTERFEIT_KEYWORD", "PRECISION", "3,000 listings evaluated");
    }

    /** A synthetic marketplace of {@code listings} listings in {@code dir/gen}. */
    static Path generated(Path dir, int listings, int seed) {
        Path gen = dir.resolve("gen");
        assertThat(run("generate", "--listings", String.valueOf(listings), "--seed", String.valueOf(seed), "--out",
                gen.toString()).code()).isEqualTo(0);
        return gen;
    }

    @Test
    void a_small_feed_screens_against_the_category_statistics_saved_from_a_large_one(@TempDir Path dir)
            throws Exception {
        Path gen = generated(dir, 5000, 8);
        Path feed = gen.resolve("listings.jsonl");
        Path stats = dir.resolve("stats.csv");
        Path whole = dir.resolve("whole.jsonl");
        Run saving = run("screen", feed.toString(), "--save-category-stats", stats.toString(), "--out",
                whole.toString(), "--no-progress");
        assertThat(saving.code()).as(saving.err()).isEqualTo(0);
        assertThat(saving.err()).contains("category statistics gathered in");
        assertThat(Files.readAllLines(stats).get(0))
                .isEqualTo("category,listings,averageUnitsSold,reviewedListings,averageNegativeReviewRatio");
        Path again = dir.resolve("again.jsonl");
        Run reading = run("screen", feed.toString(), "--category-stats", stats.toString(), "--out", again.toString(),
                "--no-progress");
        assertThat(reading.code()).as(reading.err()).isEqualTo(0);
        assertThat(reading.err()).contains("category statistics read in");
        assertThat(Files.readAllLines(again)).as("the saved statistics are the feed's own").isEqualTo(
                Files.readAllLines(whole));

        // a small feed: the anomalies among 25 listings, screened against the whole feed's statistics or its own
        List<String> listings = Files.readAllLines(feed);
        List<String> results = Files.readAllLines(whole);
        List<String> small = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < listings.size() && small.size() < 25; i++) {
            if (results.get(i).contains("SALES_ANOMALY") || small.size() >= 5) {
                small.add(listings.get(i));
                expected.add(results.get(i));
            }
        }
        assertThat(expected.stream().filter(r -> r.contains("SALES_ANOMALY")).count()).isGreaterThanOrEqualTo(5);
        Path today = dir.resolve("today.jsonl");
        Files.write(today, small);
        java.io.InputStream stdin = System.in;
        Path fromStdin = dir.resolve("stdin.jsonl");
        try {
            System.setIn(Files.newInputStream(today));
            Run piped = run("screen", "-", "--category-stats", stats.toString(), "--out", fromStdin.toString(),
                    "--no-progress");
            assertThat(piped.code()).as(piped.err()).isEqualTo(0);
        } finally {
            System.setIn(stdin);
        }
        assertThat(Files.readAllLines(fromStdin)).as("against the whole feed's statistics: as in the whole feed")
                .isEqualTo(expected);
        Path own = dir.resolve("own.jsonl");
        assertThat(run("screen", today.toString(), "--out", own.toString(), "--no-progress").code()).isEqualTo(0);
        assertThat(Files.readAllLines(own).stream().filter(r -> r.contains("SALES_ANOMALY")).count())
                .as("against its own 25 listings, the anomalies set their own averages").isLessThan(5);

        Path bad = dir.resolve("bad-stats.csv");
        Files.writeString(bad, "category,listings,averageUnitsSold,reviewedListings,averageNegativeReviewRatio\n"
                + "shoes,-3,1,3,0.1\n");
        Map<List<String>, String> refused = new java.util.LinkedHashMap<>();
        refused.put(List.of("screen", "-"), "-: standard input is read only with --category-stats");
        refused.put(List.of("screen", today.toString(), "--category-stats", bad.toString()),
                bad + ":2: listings: expected a count, 0 or more; found \"-3\"");
        refused.put(List.of("screen", today.toString(), "--category-stats", dir.resolve("none.csv").toString()),
                dir.resolve("none.csv") + ": no such file");
        refused.put(List.of("screen", today.toString(), "--save-category-stats", dir.toString()),
                dir + ": is a directory");
        for (var c : refused.entrySet()) {
            Run r = run(c.getKey().toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey().toString()).contains("redflag: " + c.getValue())
                    .doesNotContain("screened");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void screen_refuses_bad_reference_files_naming_the_file_and_line_and_writes_nothing(@TempDir Path dir)
            throws Exception {
        Path feed = dir.resolve("feed.jsonl");
        Files.writeString(feed, "{\"id\":\"a\",\"title\":\"高仿 bag\"}\n".repeat(200));
        Path dictionary = dir.resolve("extra.tsv");
        Files.writeString(dictionary, "ALONE\tsuper copy\nNOSUCHKIND\tterm\n");
        Path prices = dir.resolve("prices.csv");
        Files.writeString(prices, "brand,category,price,currency\nGucci,bags,-3,CNY\n");
        Path out = dir.resolve("out.jsonl");
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("extra.tsv", List.of("--dictionary", dictionary.toString()));
        cases.put("prices.csv:2", List.of("--genuine-prices", prices.toString()));
        cases.put("no-such-banned.jsonl", List.of("--banned-sellers", dir.resolve("no-such-banned.jsonl").toString()));
        cases.put("no-such-pack", List.of("--policy", "no-such-pack"));
        // files saved in another encoding: refused on the line of the first byte that is not UTF-8
        byte[] latin1Tail = "\ncaf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String[][] firstLines = {{"--dictionary", "ALONE\tsuper copy"}, {"--genuine-prices",
            "brand,category,price,currency"}, {"--banned-sellers", "{\"sellerId\":\"s1\"}"}, {"--foreign-orders",
            "sellerId,kind,court,issuedAt,servedAt"}};
        for (String[] option : firstLines) {
            Path latin1 = dir.resolve("latin1" + option[0]);
            Files.write(latin1, concat(option[1], latin1Tail));
            cases.put(latin1 + ":2: not UTF-8 text (byte 0xE9)", List.of(option[0], latin1.toString()));
        }
        for (var c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("screen", feed.toString(), "--no-progress", "--out",
                    out.toString()));
            args.addAll(c.getValue());
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(c.getKey()).doesNotContain("screened");
            noStackTrace(r);
            assertThat(out).as("no results for a refused run").doesNotExist();
        }
    }

    static byte[] concat(String head, byte[] tail) {
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(h, h.length + tail.length);
        System.arraycopy(tail, 0, all, h.length, tail.length);
        return all;
    }

    @Test
    void evaluate_refuses_what_it_cannot_read_and_says_which_labels_it_left_out(@TempDir Path dir)
            throws Exception {
        Path gen = generated(dir, 300, 5);
        Path results = dir.resolve("results.jsonl");
        assertThat(run("screen", gen.resolve("listings.jsonl").toString(), "--out", results.toString(),
                "--no-progress").code()).isEqualTo(0);
        String labels = gen.resolve("labels.jsonl").toString();
        List<String> lines = Files.readAllLines(results);

        Path some = dir.resolve("some.jsonl"); // the first 100 results, as when a screen skipped lines
        Files.write(some, lines.subList(0, 100));
        Run partial = run("evaluate", "--labels", labels, some.toString());
        assertThat(partial.code()).as(partial.err()).isEqualTo(0);
        assertThat(partial.out()).contains("100 listings evaluated");
        assertThat(partial.err()).contains("200 labelled listings in " + labels + " have no result in " + some);
        Path one = dir.resolve("one.jsonl");
        Files.write(one, lines.subList(0, 1));
        assertThat(run("evaluate", "--labels", labels, one.toString()).out()).contains("1 listing evaluated");
        Run all = run("evaluate", "--labels", labels, results.toString());
        assertThat(all.out()).contains("300 listings evaluated");
        assertThat(all.err()).isEmpty();

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, concat(lines.get(0) + "\n" + lines.get(1),
                "\n{\"listingId\":\"caf\u00e9\"}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n");
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--labels", labels, latin1.toString()), latin1 + ": line 3: not UTF-8 text (byte 0xE9)");
        cases.put(List.of("--labels", latin1.toString(), results.toString()), latin1 + ": line 3: not UTF-8 text");
        cases.put(List.of("--labels", labels, empty.toString()), empty + ": no screening results to evaluate");
        cases.put(List.of("--labels", labels, dir.toString()), dir + ": is a directory");
        Path feed = dir.resolve("feed.jsonl");
        Files.writeString(feed, "{\"id\":\"l1\",\"sellerId\":\"s1\",\"title\":\"bag\"}\n");
        cases.put(List.of("--labels", labels, feed.toString()), feed + ": line 1: listingId: required, a string (this"
                + " looks like a listings feed: evaluate the results of screening it");
        cases.put(List.of("--labels", dir.toString(), results.toString()), dir + ": is a directory");
        cases.put(List.of("--labels", labels, dir.resolve("missing.jsonl").toString()), "missing.jsonl: no such file");
        Path sellerLabels = dir.resolve("seller-labels.jsonl");
        Files.writeString(sellerLabels, "{\"sellerId\":\"s1\",\"reRegistrationOf\":null}\n");
        cases.put(List.of("--seller-labels", sellerLabels.toString(), empty.toString()),
                empty + ": no link results to evaluate");
        for (var c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("evaluate"));
            args.addAll(c.getKey());
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey().toString()).contains(c.getValue());
            assertThat(r.out()).as("no table for a refused evaluation").doesNotContain("evaluated");
            noStackTrace(r);
        }
    }

    @Test
    void files_that_cannot_be_read_or_written_are_named_with_exit_2_before_any_work(@TempDir Path dir)
            throws Exception {
        Path feed = dir.resolve("feed.jsonl");
        Files.writeString(feed, "{\"id\":\"a\",\"title\":\"lamp\"}\n");
        Path sellers = dir.resolve("sellers.jsonl");
        Files.writeString(sellers, "{\"id\":\"s1\",\"phones\":[\"+86 138 0013 8000\"]}\n");
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        for (String command : new String[] {"screen", "link"}) {
            Path input = command.equals("screen") ? feed : sellers;
            cases.put(List.of(command, "-"), command.equals("screen")
                    ? "-: standard input is read only with --category-stats" : "-: standard input is not read here");
            cases.put(List.of(command, dir.toString()), dir + ": is a directory");
            cases.put(List.of(command, dir.resolve("missing.jsonl").toString()), "missing.jsonl: no such file");
            cases.put(List.of(command, input.toString(), "--out", dir.toString()), dir + ": is a directory");
            cases.put(List.of(command, input.toString(), "--out", dir.resolve("no/such/out.jsonl").toString()),
                    "out.jsonl: no such directory");
        }
        for (String option : new String[] {"--dictionary", "--genuine-prices", "--banned-sellers", "--foreign-orders"}) {
            cases.put(List.of("screen", feed.toString(), option, dir.toString()), dir + ": is a directory");
        }
        cases.put(List.of("evidence", "add", "--ledger", dir.resolve("ledger").toString(), dir.toString()),
                dir + ": is a directory");
        for (var c : cases.entrySet()) {
            Run r = run(c.getKey().toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey().toString()).contains(c.getValue()).doesNotContain("internal error")
                    .doesNotContain("screened");
            noStackTrace(r);
        }
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void a_file_the_system_refuses_mid_command_is_named_with_exit_2_not_an_internal_error(@TempDir Path dir)
            throws Exception {
        // the bundle's directory is a file: only found when the bundle is written
        Path ledger = dir.resolve("ledger");
        Path item = dir.resolve("item.txt");
        Files.writeString(item, "evidence");
        assertThat(run("evidence", "add", "--ledger", ledger.toString(), item.toString()).code()).isEqualTo(0);
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        Run r = run("evidence", "export", "--ledger", ledger.toString(), "--out",
                notADirectory.resolve("bundle.zip").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("bundle.zip").doesNotContain("internal error");
        noStackTrace(r);
    }

    @Test
    void a_feed_with_bad_lines_reports_each_with_its_number_and_screens_the_rest(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.jsonl");
        Files.writeString(feed, "{\"id\":\"a\",\"title\":\"高仿 bag\"}\n{broken\n{\"id\":\"c\",\"title\":\"scarf\","
                + "\"price\":\"cheap\"}\n{\"id\":\"d\",\"title\":\"lamp\"}\n");
        Path out = dir.resolve("out.jsonl");
        Run r = run("screen", feed.toString(), "--out", out.toString(), "--no-progress");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 2: not valid JSON", "line 3: price: expected a number",
                "2 bad lines skipped");
        assertThat(Files.readAllLines(out)).hasSize(2);
        noStackTrace(r);

        Files.write(feed, concat("{\"id\":\"a\",\"title\":\"lamp\"}\n",
                "\u00ff\u00fe binary\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        Run binary = run("screen", feed.toString(), "--out", out.toString(), "--no-progress");
        assertThat(binary.code()).isEqualTo(2);
        assertThat(binary.err()).contains("line 2: not UTF-8 text (byte 0xFF, the line's byte 1)",
                "screened 1 listing in", "1 bad line skipped");
        assertThat(Files.readAllLines(out)).hasSize(1);
    }

    @Test
    void link_finds_re_registrations_and_evaluate_scores_them(@TempDir Path dir) throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(run("generate", "--sellers", "5000", "--seed", "2", "--out", gen.toString()).code()).isEqualTo(0);
        Path links = dir.resolve("links.jsonl");
        Run link = run("link", gen.resolve("sellers.jsonl").toString(), "--out", links.toString());
        assertThat(link.code()).as(link.err()).isEqualTo(0);
        JsonSchemaCheck schema = JsonSchemaCheck.fromResource("/org/redflag/schemas/link-result.schema.json");
        List<String> lines = Files.readAllLines(links);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(schema.check(SourceDocument.parse("link", line, SourceDocument.Format.JSON))).isEmpty();
        }
        Run eval = run("evaluate", "--seller-labels", gen.resolve("seller-labels.jsonl").toString(), links.toString());
        assertThat(eval.out()).contains("(recall 1.0000)", "innocent sellers linked: 0 of");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"a\",\"phones\":\"123\"}\n{\"name\":\"x\"}\n{\"id\":\"c\"}\n");
        Run badRun = run("link", bad.toString());
        assertThat(badRun.code()).isEqualTo(2);
        assertThat(badRun.err()).contains("line 1: phones: expected an array", "line 2: id: required",
                "linked 1 seller in", "2 bad lines skipped");
        Run badRegion = run("link", gen.resolve("sellers.jsonl").toString(), "--region", "XX");
        assertThat(badRegion.code()).isEqualTo(2);
        assertThat(badRegion.err()).contains("--region", "\"XX\"");

        // evaluate answers results it cannot read with the file, line and field, never a stack trace
        Run mixedUp = run("evaluate", "--labels", gen.resolve("seller-labels.jsonl").toString(), links.toString());
        assertThat(mixedUp.code()).isEqualTo(2);
        assertThat(mixedUp.err()).contains("line 1: listingId: required", "--seller-labels");
        noStackTrace(mixedUp);
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, lines.get(0) + "\n{\"sellerId\": \n");
        Run brokenRun = run("evaluate", "--seller-labels", gen.resolve("seller-labels.jsonl").toString(),
                broken.toString());
        assertThat(brokenRun.code()).isEqualTo(2);
        assertThat(brokenRun.err()).contains("broken.jsonl: line 2: not valid JSON");
        noStackTrace(brokenRun);
    }

    @Test
    void help_and_version() throws Exception {
        Run help = run("--help");
        assertThat(help.code()).isEqualTo(0);
        assertThat(help.out()).contains("assess", "policies", "Exit codes");
        for (var c : Redflag.SUBCOMMANDS.entrySet()) { // every subcommand listed, each answers --help when named
            String name = c.getKey();
            assertThat(Class.forName(c.getValue()).getAnnotation(picocli.CommandLine.Command.class).name())
                    .as("the name a subcommand is listed by is its own").isEqualTo(name);
            assertThat(help.out()).contains("  " + name + " ");
            if (!name.equals("help")) {
                Run own = run(name, "--help");
                assertThat(own.code()).as(name).isEqualTo(0);
                assertThat(own.out()).contains("Usage: redflag " + name);
            }
        }
        Run typo = run("scren", "feed.jsonl");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("screen"); // suggested: every subcommand is known when none is named
        Run helpOn = run("help", "screen");
        assertThat(helpOn.code()).isEqualTo(0);
        assertThat(helpOn.out()).contains("Usage: redflag screen");
        Run version = run("--version");
        assertThat(version.code()).isEqualTo(0);
        assertThat(version.out()).startsWith("redflag ");
    }
}
