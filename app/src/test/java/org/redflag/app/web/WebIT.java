package org.redflag.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Role;
import org.redflag.app.listing.Listings;
import org.redflag.app.server.TestServer;

/**
 * The web UI in a real headless Chromium (Debian's, driven by Playwright): each flow end to end, a screenshot of every
 * page under target/screenshots/, no console errors, every page readable without JavaScript, and text contrast at
 * WCAG AA. With CI=true a missing browser fails the run.
 */
class WebIT extends BrowserTests {

    @Override
    void prepare(TestServer server) {
        Accounts accounts = server.bean(Accounts.class);
        accounts.create("reviewer", "reviewer-password", Role.REVIEWER, "Reviewer");
        accounts.create("brand", "brand-password", Role.RIGHTS_HOLDER, "Brand SA");
        var seller = accounts.create("seller", "seller-password", Role.SELLER, "Shop Ltd");
        server.bean(Listings.class).create("web-1", seller.id(), "Gucci tote");
    }

    @Test
    void right_holder_files_reviewer_acts_seller_counter_notices_and_the_listing_is_restored() {
        Page brand = login("brand", "brand-password");
        assertThat(brand.url()).endsWith("/notices");
        shot(brand, "01-brand-queue");
        brand.navigate(server.url + "/notices/new");
        shot(brand, "02-file-form");
        brand.waitForNavigation(() -> brand.click("#submit-notice"));
        assertThat(brand.textContent("#listings-error")).isNotBlank();
        shot(brand, "03-file-errors");
        brand.fill("#listings", "web-1");
        brand.fill("#rightReference", "TM 12345678");
        brand.fill("#language", "en");
        brand.fill("#text", "Counterfeit Gucci totes.");
        brand.uncheck("#goodFaithStatement");
        brand.setInputFiles("#attachment", new com.microsoft.playwright.options.FilePayload("shot.png", "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        brand.waitForNavigation(() -> brand.click("#submit-notice"));
        brand.waitForURL("**/notices/*");
        String noticeUrl = brand.url();
        assertThat(brand.textContent("#status")).isEqualTo("RECEIVED");
        assertThat(brand.textContent("#assessment")).contains("ACTUAL");
        shot(brand, "04-notice-filed");

        Page reviewer = login("reviewer", "reviewer-password");
        assertThat(reviewer.url()).endsWith("/dashboard");
        assertThat(reviewer.content()).as("an empty figure says so").contains("No notice decided yet.");
        shot(reviewer, "05-dashboard");
        reviewer.navigate(server.url + "/notices");
        shot(reviewer, "06-reviewer-queue");
        reviewer.navigate(noticeUrl);
        reviewer.selectOption("#action", "REMOVE_LISTING");
        reviewer.fill("#reasons", "qualified notice");
        reviewer.waitForNavigation(() -> reviewer.click("#apply"));
        assertThat(reviewer.textContent("#status")).isEqualTo("LISTING_REMOVED");
        shot(reviewer, "07-notice-removed");

        Page seller = login("seller", "seller-password");
        seller.navigate(noticeUrl);
        seller.fill("#statement", "Genuine goods from an authorised distributor.");
        seller.fill("#contact", "legal@shop.example");
        seller.waitForNavigation(() -> seller.click("#send-counter"));
        assertThat(seller.textContent("#status")).isEqualTo("COUNTER_NOTICE_RECEIVED");
        shot(seller, "08-seller-counter-notice");

        reviewer.navigate(noticeUrl);
        reviewer.selectOption("#action", "FORWARD_COUNTER_NOTICE");
        reviewer.waitForNavigation(() -> reviewer.click("#apply"));
        assertThat(reviewer.textContent("#status")).isEqualTo("WAITING_PERIOD");
        server.clock().advance(Duration.ofDays(16));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            reviewer.navigate(noticeUrl);
            return reviewer.textContent("#status").equals("RESTORED");
        });
        assertThat(reviewer.textContent("#timeline")).contains("RESTORE", "system");
        shot(reviewer, "09-restored");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void the_workbench_assesses_a_shared_example_case_under_cn_eu_and_us() throws Exception {
        Page reviewer = login("reviewer", "reviewer-password");
        reviewer.navigate(server.url + "/workbench");
        shot(reviewer, "10-workbench");
        reviewer.setInputFiles("#file", Path.of("..", "examples", "cases", "rules", "late-removal-after-notice.json"));
        reviewer.waitForNavigation(() -> reviewer.click("#assess"));
        List<String> outcomes = reviewer.locator("#columns .outcome").allTextContents();
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEqualTo("LIABLE_FOR_EXPANDED_DAMAGE");
        assertThat(reviewer.textContent("#columns")).contains("CN 2024.2", "EU 2024.2", "US 2024.2", "cn.ecl.art42");
        shot(reviewer, "11-workbench-result");
        reviewer.navigate(server.url + "/workbench");
        reviewer.check("#MARKETING_REVENUE_SHARING");
        reviewer.check("#branded");
        reviewer.fill("#title", "Classic leather handbag");
        reviewer.fill("#price", "600");
        reviewer.fill("#genuinePrice", "1000");
        reviewer.fill("#noticeReceivedAt", "");
        reviewer.waitForNavigation(() -> reviewer.click("#assess-form"));
        assertThat(reviewer.locator("#columns .outcome").allTextContents()).as(reviewer.content())
                .contains("JOINTLY_LIABLE");
        shot(reviewer, "11b-workbench-form");
        reviewer.fill("#text", "{\"id\": \"bad\"}");
        reviewer.waitForNavigation(() -> reviewer.click("#assess"));
        assertThat(reviewer.textContent(".alert")).contains("jurisdiction");
        // a case file saved in another encoding is refused on its line, not read with replacement characters
        reviewer.setInputFiles("#file", new com.microsoft.playwright.options.FilePayload("latin1.json",
                "application/json", "{\n\"id\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        reviewer.waitForNavigation(() -> reviewer.click("#assess"));
        assertThat(reviewer.textContent(".alert")).contains("file: line 2: not UTF-8 text (byte 0xE9)");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void the_transparency_export_gives_statements_in_batches_of_at_most_100() {
        Page reviewer = login("reviewer", "reviewer-password");
        reviewer.navigate(server.url + "/transparency");
        shot(reviewer, "12-transparency");
        reviewer.navigate(server.url + "/policies");
        shot(reviewer, "13-policies");
        reviewer.navigate(server.url + "/screening");
        shot(reviewer, "14-screening");
        reviewer.navigate(server.url + "/transparency");
        var request = reviewer.context().request();
        String from = java.time.LocalDate.now().minusYears(1).toString();
        String to = java.time.LocalDate.now().plusDays(30).toString();
        var json = request.get(server.url + "/transparency/statements.json?from=" + from + "&to=" + to + "&batch=0");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.text()).contains("\"statements\"");
        // more statements than one read from the database: the CSV, streamed a thousand at a time, has them all once
        var statements = server.bean(org.redflag.app.reasons.StatementsOfReasons.class);
        for (int i = 0; i < 1_050; i++) {
            statements.listingRemoved(900_001, "bulk-" + i, "TRADEMARK", "=cmd|' /C calc'!A0 removed", false);
        }
        var csv = request.get(server.url + "/transparency/statements.csv?from=" + from + "&to=" + to);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).startsWith("puid,notice,application_date");
        List<org.apache.commons.csv.CSVRecord> rows;
        try {
            rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().get()
                    .parse(new java.io.StringReader(csv.text())).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long inPeriod = statements.count(java.time.LocalDate.parse(from).atStartOfDay().toInstant(
                java.time.ZoneOffset.UTC), java.time.LocalDate.parse(to).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        assertThat(inPeriod).isGreaterThan(1_050);
        assertThat(rows).hasSize((int) inPeriod);
        assertThat(rows.stream().map(r -> r.get("puid")).distinct().count()).isEqualTo(inPeriod);
        assertThat(rows.stream().filter(r -> r.get("notice").equals("900001")).map(r -> r.get("decision_facts")))
                .hasSize(1_050).allMatch(f -> f.startsWith("'=cmd"));
        String auditHref = reviewer.getAttribute("#audit-csv", "href");
        var audit = request.get(server.url + auditHref);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.headers().get("content-disposition")).contains("attachment", "audit-");
        assertThat(audit.text()).startsWith("id,at,notice,actor,actor_role,action,before,after,detail");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void a_long_queue_pages_and_the_screening_results_filter_by_flag_and_page() {
        TestServer.Client shop = server.account("pager-seller", Role.SELLER);
        TestServer.Client owner = server.account("pager-brand", Role.RIGHTS_HOLDER);
        for (int i = 0; i < 55; i++) {
            shop.post("/api/listings", Map.of("id", "pg-" + i, "title", "高仿 watch " + i)).expect(201);
            owner.post("/api/notices", Map.of("right", Map.of("type", "TRADEMARK", "reference", "TM 1"),
                    "listings", List.of("pg-" + i), "reasonCode", "COUNTERFEIT", "elements",
                    Map.of("rightsHolderIdentity", true, "proofOfRights", true, "listingLocation", true,
                            "infringementEvidence", true, "goodFaithStatement", true))).expect(201);
        }
        Page brand = login("pager-brand", "password-of-pager-brand");
        brand.navigate(server.url + "/notices");
        assertThat(brand.locator("#queue tr").count()).isEqualTo(51); // a heading row and 50 notices
        assertThat(brand.textContent(".pager")).contains("1–50 of 55");
        assertThat(brand.locator(".pager a[rel=prev]").count()).isZero();
        follow(brand, ".pager a[rel=next]");
        assertThat(brand.locator("#queue tr").count()).isEqualTo(6);
        assertThat(brand.textContent(".pager")).contains("51–55 of 55");
        assertThat(brand.locator(".pager a[rel=next]").count()).isZero();
        shot(brand, "21-queue-second-page");
        assertThat(brand.getAttribute("#queue", "hx-get")).as("the refresh keeps the page it refreshes")
                .contains("page=1");
        brand.selectOption("#reasonCode", "DESIGN_INFRINGEMENT");
        follow(brand, "main form button");
        assertThat(brand.textContent("main")).contains("No notices.");
        brand.selectOption("#reasonCode", "COUNTERFEIT");
        follow(brand, "main form button");
        assertThat(brand.textContent(".pager")).contains("1–50 of 55");
        assertThat(brand.getAttribute(".pager a[rel=next]", "href")).contains("reasonCode=COUNTERFEIT");
        brand.navigate(server.url + "/notices?page=40");
        assertThat(brand.textContent(".pager")).as("past the last page: the last").contains("51–55 of 55");
        follow(brand, ".pager a[rel=prev]");
        assertThat(brand.locator("#queue tr").count()).isEqualTo(51);

        server.account("pager-reviewer", Role.REVIEWER); // its own: the language it picks below stays with it
        Page reviewer = login("pager-reviewer", "password-of-pager-reviewer");
        reviewer.navigate(server.url + "/screening");
        reviewer.selectOption("#flag", "COUNTERFEIT_KEYWORD");
        follow(reviewer, "main form button");
        assertThat(reviewer.url()).contains("flag=COUNTERFEIT_KEYWORD");
        assertThat(reviewer.locator("#flags tr").count()).isEqualTo(51);
        reviewer.locator("#flags tr td:nth-child(2)").allTextContents()
                .forEach(code -> assertThat(code).isEqualTo("COUNTERFEIT_KEYWORD"));
        follow(reviewer, ".pager a[rel=next]");
        assertThat(reviewer.url()).contains("flag=COUNTERFEIT_KEYWORD", "page=1");
        assertThat(reviewer.locator("#flags tr").count()).isGreaterThan(1);
        assertThat(reviewer.locator("#flag").inputValue()).isEqualTo("COUNTERFEIT_KEYWORD");
        shot(reviewer, "22-screening-filtered-page-2");
        follow(reviewer, "header a.language");
        assertThat(reviewer.url()).as("the other language keeps the filter and the page")
                .contains("flag=COUNTERFEIT_KEYWORD", "page=1", "lang=zh");
        assertThat(reviewer.textContent(".pager")).contains("共 55 条");
        follow(reviewer, "header a.language");
        assertThat(reviewer.url()).contains("flag=COUNTERFEIT_KEYWORD", "page=1", "lang=en");
        assertThat(reviewer.textContent(".pager")).contains("of 55");
        reviewer.selectOption("#flag", "PRICE_BELOW_GENUINE");
        follow(reviewer, "main form button");
        assertThat(reviewer.url()).contains("flag=PRICE_BELOW_GENUINE");
        assertThat(reviewer.textContent("main")).contains("No flags of this kind.");
        assertThat(reviewer.locator(".pager").count()).isZero();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void a_problem_on_a_page_is_a_page_in_the_readers_language_with_its_status() {
        Page seller = login("seller", "seller-password");
        var missing = seller.navigate(server.url + "/notices/987654");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headerValue("content-type")).startsWith("text/html");
        assertThat(seller.textContent("h1")).isEqualTo("Not found");
        assertThat(seller.textContent("#problem")).contains("notice 987654");
        shot(seller, "23-problem-not-found");
        var staffOnly = seller.navigate(server.url + "/dashboard?lang=zh");
        assertThat(staffOnly.status()).isEqualTo(403);
        assertThat(seller.textContent("h1")).isEqualTo("无权访问");
        seller.navigate(server.url + "/notices?lang=en");
        Page reviewer = login("reviewer", "reviewer-password");
        var backwards = reviewer.navigate(server.url + "/transparency?from=2030-01-01&to=2020-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(reviewer.textContent("#problem")).isEqualTo("to must be after from");
        assertThat(reviewer.textContent("main")).contains("Field: to");
        follow(reviewer, "main a[href='/']");
        assertThat(reviewer.textContent("h1")).isEqualTo("Dashboard");
        // the API answers JSON whatever the browser asks for
        var api = reviewer.context().request().get(server.url + "/api/notices/987654",
                com.microsoft.playwright.options.RequestOptions.create().setHeader("Accept", "text/html")
                        .setHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                "reviewer:reviewer-password".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.headers().get("content-type")).isEqualTo("application/problem+json");
        // the browser reports each page answered with an error status; those were asked for, nothing else
        expectedErrorPages("(/notices/987654|/dashboard\\?lang=zh|/transparency\\?from=2030-01-01&to=2020-01-01)");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void a_flagged_listing_has_a_page_with_its_flags_evidence_and_notices_reached_from_screening() {
        TestServer.Client shop = server.account("lp-seller", Role.SELLER);
        TestServer.Client owner = server.account("lp-brand", Role.RIGHTS_HOLDER);
        shop.post("/api/listings", Map.of("id", "lp-1", "title", "高仿 Gucci bag")).expect(201);
        long notice = owner.post("/api/notices", Map.of("right", Map.of("type", "TRADEMARK", "reference", "TM 7"),
                "listings", List.of("lp-1"), "reasonCode", "COUNTERFEIT", "elements", Map.of("rightsHolderIdentity",
                        true, "proofOfRights", true, "listingLocation", true, "infringementEvidence", true,
                        "goodFaithStatement", true))).expect(201).json().get("id").asLong();
        Page reviewer = login("reviewer", "reviewer-password");
        reviewer.navigate(server.url + "/screening?flag=COUNTERFEIT_KEYWORD");
        follow(reviewer, "#flags a[href='/listings/lp-1']");
        assertThat(reviewer.textContent("h1")).isEqualTo("Listing lp-1");
        assertThat(reviewer.textContent("#listing-title")).isEqualTo("高仿 Gucci bag");
        assertThat(reviewer.textContent("#risk")).isEqualTo("0.70");
        assertThat(reviewer.textContent("#flags")).contains("COUNTERFEIT_KEYWORD", "The listing says \"高仿\"",
                "cn.ecl.art45");
        reviewer.click("#flags summary");
        assertThat(reviewer.textContent("#flags pre")).contains("\"term\" : \"高仿\"", "\"brands\"");
        shot(reviewer, "24-listing");
        follow(reviewer, "#notices a");
        assertThat(reviewer.textContent("h1")).isEqualTo("Notice " + notice);
        follow(reviewer, "#listings a");
        assertThat(reviewer.url()).endsWith("/listings/lp-1");

        // staff triage: every listing riskiest first, filtered by flag; a seller's own listings the same way
        reviewer.navigate(server.url + "/listings");
        List<String> risks = reviewer.locator("#listings tr td:nth-child(4)").allTextContents();
        assertThat(risks).isNotEmpty();
        assertThat(risks.stream().map(r -> r.equals("–") ? 0.0 : Double.parseDouble(r)).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        reviewer.selectOption("#flag", "COUNTERFEIT_KEYWORD");
        follow(reviewer, "main form button");
        reviewer.locator("#listings tr td:nth-child(5)").allTextContents()
                .forEach(flags -> assertThat(flags).contains("COUNTERFEIT_KEYWORD"));
        Page seller = login("lp-seller", "password-of-lp-seller");
        seller.navigate(server.url + "/notices");
        follow(seller, "nav a[href='/listings']");
        assertThat(seller.locator("#listings tr td:nth-child(1)").allTextContents()).containsExactly("lp-1");
        assertThat(seller.textContent("#listings")).contains("0.70", "COUNTERFEIT_KEYWORD");
        shot(seller, "25-seller-listings");
        follow(seller, "#listings a");
        assertThat(seller.textContent("h1")).isEqualTo("Listing lp-1");

        Page brand = login("lp-brand", "password-of-lp-brand");
        brand.navigate(server.url + "/listings/lp-1");
        assertThat(brand.textContent("#notices")).contains("#" + notice);
        assertThat(brand.locator("nav a[href='/listings']").count()).isZero();
        assertThat(brand.navigate(server.url + "/listings").status()).isEqualTo(403);
        Page otherSeller = login("seller", "seller-password");
        assertThat(otherSeller.navigate(server.url + "/listings/lp-1").status()).isEqualTo(404);
        assertThat(otherSeller.navigate(server.url + "/listings/no-such").status()).isEqualTo(404);
        expectedErrorPages("/listings(/lp-1|/no-such)?");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void pages_read_without_javascript_and_chinese_is_one_click_away() {
        BrowserContext noJs = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        Page page = noJs.newPage();
        page.navigate(server.url + "/login?lang=zh");
        assertThat(page.textContent("h1")).isEqualTo("登录");
        page.fill("#username", "reviewer");
        page.fill("#password", "reviewer-password");
        page.waitForNavigation(() -> page.click("button[type=submit]"));
        page.waitForLoadState();
        assertThat(page.textContent("h1")).isEqualTo("总览");
        shot(page, "15-dashboard-zh-no-js");
        long id = server.bean(org.redflag.app.notice.NoticeIntake.class).file(
                server.bean(Accounts.class).byUsername("brand").orElseThrow().actor(),
                new org.redflag.app.notice.NoticeRequests.FileNotice(null, new org.redflag.app.notice.NoticeRequests
                        .Right(org.redflag.app.notice.NoticeRequests.RightType.TRADEMARK, "TM 9"), List.of("web-1"),
                        org.redflag.app.notice.NoticeRequests.ReasonCode.COUNTERFEIT, "fr", "Contrefaçon.",
                        new org.redflag.app.notice.NoticeRequests.Elements(true, true, true, true, true), null),
                java.util.Optional.empty()).notice().id();
        for (String path : List.of("/notices", "/notices/" + id, "/workbench", "/transparency", "/policies",
                "/screening", "/dashboard", "/sellers", "/listings", "/listings/web-1", "/account")) {
            assertThat(page.navigate(server.url + path).status()).as(path).isEqualTo(200);
            assertThat(page.locator("main h1").count()).as(path).isEqualTo(1);
            assertThat(page.textContent("main")).as(path).isNotBlank();
        }
        page.navigate(server.url + "/notices");
        assertThat(page.textContent("[data-deadline]")).as("time left in Chinese units, written by the server")
                .matches("−?\\d+ (天 \\d+ 小时|小时 \\d+ 分钟)");
        page.navigate(server.url + "/notices/" + id);
        page.selectOption("#action", "REMOVE_LISTING");
        page.waitForNavigation(() -> page.click("#apply"));
        assertThat(page.getAttribute("#status", "title")).as("forms work without JavaScript")
                .isEqualTo("LISTING_REMOVED");
        assertThat(page.textContent("#status")).as("the status in the page's language").isEqualTo("已下架");
        assertThat(page.textContent("#timeline")).contains("下架商品", "已受理 → 已下架");
        page.navigate(server.url + "/notices?lang=en");
        assertThat(page.textContent("h1")).isEqualTo("Notices");
        BrowserContext brandNoJs = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        Page brand = brandNoJs.newPage();
        brand.navigate(server.url + "/login");
        brand.fill("#username", "brand");
        brand.fill("#password", "brand-password");
        brand.waitForNavigation(() -> brand.click("button[type=submit]"));
        brand.navigate(server.url + "/notices/new");
        assertThat(brand.locator("#file-form").count()).isEqualTo(1);
    }

    @Test
    void staff_check_a_registration_and_see_a_sellers_identity_strikes_and_money() {
        var check = server.bean(org.redflag.app.identity.RegistrationCheck.class);
        var phone = new org.redflag.identity.Linker.Identifier(org.redflag.identity.IdentifierType.PHONE,
                "+8613977770000");
        check.register(new org.redflag.identity.Linker.Seller("web-banned", true, List.of(phone)), "Banned Shop");
        check.register(new org.redflag.identity.Linker.Seller("web-again", false, List.of(phone)), null);
        var discipline = server.bean(org.redflag.app.identity.SellerDiscipline.class);
        discipline.payIn("web-again", org.redflag.app.identity.SellerDiscipline.MoneyKind.FUNDS, 900, "sales");
        discipline.strike("web-again", "notice 77", "brand", 0);

        Page reviewer = login("reviewer", "reviewer-password");
        reviewer.navigate(server.url + "/sellers");
        assertThat(reviewer.locator("nav a[href='/sellers']").count()).as("in the staff's navigation").isEqualTo(1);
        reviewer.fill("#seller", "{\"id\":\"web-new\",\"phones\":[\"0086 139 7777 0000\"]}");
        reviewer.waitForNavigation(() -> reviewer.click("#check"));
        assertThat(reviewer.textContent("#decision")).isEqualTo("HELD_FOR_REVIEW");
        assertThat(reviewer.textContent("#linked-banned")).isEqualTo("web-banned");
        assertThat(reviewer.textContent("#path")).contains("phone").doesNotContain("13977770000");
        shot(reviewer, "17-sellers-check");
        reviewer.fill("#seller", "{\"phones\":[\"1\"]}");
        reviewer.waitForNavigation(() -> reviewer.click("#check"));
        assertThat(reviewer.textContent("#check-error")).as("beside the field").contains("id");

        reviewer.fill("#id", "web-again");
        reviewer.waitForNavigation(() -> reviewer.click("#lookup"));
        assertThat(reviewer.textContent("#identity")).isEqualTo("web-again, web-banned");
        assertThat(reviewer.textContent("#active-strikes")).isEqualTo("1");
        assertThat(reviewer.textContent("#strikes")).contains("notice 77", "FREEZE_FUNDS");
        assertThat(reviewer.locator("#accounts tr").nth(1).textContent()).as("900 minor units frozen")
                .contains("web-again", "9.00");
        assertThat(reviewer.locator("#strikes time").first().textContent()).as("a time as people read it")
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        assertThat(reviewer.locator("#strikes time").first().getAttribute("datetime")).as("and exactly, for machines")
                .matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
        assertThat(reviewer.textContent("#registrations")).contains("web-banned", "BANNED");
        shot(reviewer, "18-sellers-identity");
        reviewer.fill("#id", "nobody-at-all");
        reviewer.waitForNavigation(() -> reviewer.click("#lookup"));
        assertThat(reviewer.textContent("#lookup-error")).contains("nobody-at-all");

        assertThat(consoleErrors).isEmpty();
        // a right holder is refused: in a context of its own, so the expected 403 is not taken for a page error
        Page brand = browser.newContext().newPage();
        brand.navigate(server.url + "/login");
        brand.fill("#username", "brand");
        brand.fill("#password", "brand-password");
        brand.waitForNavigation(() -> brand.click("button[type=submit]"));
        assertThat(brand.locator("nav a[href='/sellers']").count()).isZero();
        assertThat(brand.navigate(server.url + "/sellers").status()).isEqualTo(403);
    }

    @Test
    void the_language_a_person_chooses_follows_them_to_another_browser() {
        Page first = login("brand", "brand-password");
        first.navigate(server.url + "/notices?lang=zh");
        assertThat(first.textContent("h1")).isEqualTo("通知");
        Page elsewhere = login("brand", "brand-password");
        elsewhere.navigate(server.url + "/notices");
        assertThat(elsewhere.textContent("h1")).isEqualTo("通知");
        elsewhere.navigate(server.url + "/notices?lang=en");
        assertThat(elsewhere.textContent("h1")).isEqualTo("Notices");
    }

    @Test
    void an_upload_of_the_wrong_type_is_refused_beside_its_field_and_nothing_is_stored() {
        Page brand = login("brand", "brand-password");
        brand.navigate(server.url + "/notices");
        int before = brand.locator("#queue tr").count();
        brand.navigate(server.url + "/notices/new");
        brand.fill("#listings", "web-1");
        brand.fill("#rightReference", "TM 1");
        brand.setInputFiles("#attachment", new com.microsoft.playwright.options.FilePayload("tool.exe",
                "application/x-msdownload", new byte[] {'M', 'Z'}));
        brand.waitForNavigation(() -> brand.click("#submit-notice"));
        assertThat(brand.textContent("#attachment-error")).contains("PNG, JPEG, PDF");
        assertThat(brand.inputValue("#rightReference")).isEqualTo("TM 1");
        shot(brand, "16-upload-refused");
        // the API's limits hold on the form too, each beside its field
        brand.navigate(server.url + "/notices/new");
        brand.fill("#listings", "web-1");
        brand.fill("#rightReference", "R".repeat(501));
        brand.fill("#text", "t".repeat(20_001));
        brand.waitForNavigation(() -> brand.click("#submit-notice"));
        assertThat(brand.textContent("#rightReference-error")).contains("right.reference", "500");
        assertThat(brand.textContent("#text-error")).contains("text", "20000");
        brand.navigate(server.url + "/notices");
        assertThat(brand.locator("#queue tr").count()).isEqualTo(before);
    }

    @Test
    void reasons_over_their_limit_on_a_notice_page_are_refused_and_the_notice_stays_as_it_was() {
        long id = server.bean(org.redflag.app.notice.NoticeIntake.class).file(
                server.bean(Accounts.class).byUsername("brand").orElseThrow().actor(),
                new org.redflag.app.notice.NoticeRequests.FileNotice(null, new org.redflag.app.notice.NoticeRequests
                        .Right(org.redflag.app.notice.NoticeRequests.RightType.TRADEMARK, "TM 10"), List.of("web-1"),
                        org.redflag.app.notice.NoticeRequests.ReasonCode.COUNTERFEIT, "en", "Counterfeit.",
                        new org.redflag.app.notice.NoticeRequests.Elements(true, true, true, true, true), null),
                java.util.Optional.empty()).notice().id();
        Page reviewer = login("reviewer", "reviewer-password");
        reviewer.navigate(server.url + "/notices/" + id + "?lang=en");
        reviewer.selectOption("#action", "REMOVE_LISTING");
        reviewer.fill("#reasons", "r".repeat(4001));
        reviewer.waitForNavigation(() -> reviewer.click("#apply"));
        assertThat(reviewer.textContent(".alert")).contains("reasons", "4000");
        assertThat(reviewer.getAttribute("#status", "title")).isEqualTo("RECEIVED");
        reviewer.fill("#reasons", "r".repeat(4000));
        reviewer.selectOption("#action", "REMOVE_LISTING");
        reviewer.waitForNavigation(() -> reviewer.click("#apply"));
        assertThat(reviewer.getAttribute("#status", "title")).isEqualTo("LISTING_REMOVED");
    }

    @Test
    void the_demo_opens_on_a_populated_dashboard_in_chinese(@TempDir Path dir) {
        try (TestServer demo = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir),
                Map.of("redflag.demo", "true"))) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> demo.bean(Accounts.class).byUsername("reviewer").isPresent());
            Page page = browser.newContext().newPage();
            page.navigate(demo.url + "/login?lang=zh");
            page.fill("#username", "reviewer");
            page.fill("#password", org.redflag.app.demo.DemoData.LOGINS.get(1).password());
            page.waitForNavigation(() -> page.click("button[type=submit]"));
            page.waitForLoadState();
            assertThat(page.textContent("h1")).isEqualTo("总览");
            assertThat(page.textContent("main")).contains("按剩余期限统计的待处理通知");
            page.navigate(demo.url + "/notices");
            assertThat(page.locator("#queue tr").count()).isGreaterThan(3);
            assertThat(page.textContent("#queue")).as("statuses and reasons in Chinese").contains("已下架", "已受理",
                    "假冒").doesNotContain("LISTING_REMOVED");
            assertThat(page.locator("[data-deadline]").first().textContent()).as("time left in Chinese units,"
                    + " kept current by the page's script").matches("−?\\d+ (天 \\d+ 小时|小时 \\d+ 分钟)");
            shot(page, "17-demo-queue-zh");
            var discipline = demo.bean(org.redflag.app.identity.SellerDiscipline.class);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    ((Number) discipline.view("shop-sister").get("activeStrikes")).intValue() == 2);
            page.navigate(demo.url + "/sellers?id=shop-sister");
            assertThat(page.textContent("#identity")).as("one identity through a shared bank account")
                    .isEqualTo("shop-shenzhen, shop-sister");
            assertThat(page.textContent("#active-strikes")).as("the demo's two takedowns").isEqualTo("2");
            assertThat(page.textContent("main")).as("the consequences by name").contains("冻结资金", "扣除保证金");
            assertThat(page.textContent("#registrations")).as("held for review, in Chinese").contains("shop-return",
                    "待审核");
            shot(page, "19-demo-sellers-zh");
            page.navigate(demo.url + "/screening");
            assertThat(page.textContent("main")).as("flag codes by name in Chinese").contains("假冒关键词")
                    .doesNotContain("COUNTERFEIT_KEYWORD");
            assertThat(page.textContent("main")).as("their details in Chinese, from the evidence")
                    .contains("商品文字中出现“").doesNotContain("The listing says");
            shot(page, "20-demo-screening-zh");
            page.navigate(demo.url + "/screening?lang=en");
            assertThat(page.textContent("main")).as("and in English as screening wrote them")
                    .contains("The listing says").doesNotContain("商品文字中出现");
        }
    }

    @Test
    void every_response_carries_a_content_security_policy_without_inline_script() {
        Page page = login("reviewer", "reviewer-password");
        var response = page.navigate(server.url + "/dashboard");
        String csp = response.headers().get("content-security-policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.locator("script:not([src])").count()).isZero();
        assertThat(page.locator("form input[name=_csrf]").count()).isGreaterThan(0);
    }
}
