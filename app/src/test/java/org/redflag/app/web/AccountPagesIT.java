package org.redflag.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Role;
import org.redflag.app.server.TestServer;

/**
 * Accounts in the browser: the login page after too many wrong passwords, a person's own account page (password,
 * API keys), and the admins' accounts page.
 */
class AccountPagesIT extends BrowserTests {

    @Override
    void prepare(TestServer server) {
        server.bean(Accounts.class).create("reviewer", "reviewer-password", Role.REVIEWER, "Reviewer");
    }

    @Test
    void the_login_page_says_when_a_username_is_locked_after_wrong_passwords() {
        server.account("locked-web", Role.SELLER);
        Page page = browser.newContext().newPage();
        for (int i = 0; i < 10; i++) {
            page.navigate(server.url + "/login");
            page.fill("#username", "locked-web");
            page.fill("#password", "wrong-password-" + i);
            follow(page, "button[type=submit]");
            assertThat(page.url()).contains("/login?error");
        }
        page.fill("#username", "locked-web");
        page.fill("#password", "password-of-locked-web");
        follow(page, "button[type=submit]");
        assertThat(page.url()).contains("/login?locked=15");
        assertThat(page.textContent("#locked")).isEqualTo("Too many wrong passwords for this username: try again in"
                + " 15 min.");
        page.navigate(server.url + "/login?locked=%3Cb%3E");
        assertThat(page.locator("#locked").count()).as("only a number of minutes is shown").isZero();
        page.context().close();
    }

    @Test
    void a_person_changes_the_password_and_issues_and_revokes_api_keys_on_the_account_page() {
        server.account("acct-web", Role.RIGHTS_HOLDER);
        Page page = login("acct-web", "password-of-acct-web");
        follow(page, "header a.me");
        assertThat(page.textContent("main")).contains("Logged in as acct-web");
        changePassword(page, "not my password", "a brand new password", "a brand new password");
        assertThat(page.textContent("#currentPassword-error")).isEqualTo("This is not your current password.");
        changePassword(page, "password-of-acct-web", "a brand new password", "a brand new passwort");
        assertThat(page.textContent("#repeatPassword-error")).isEqualTo("The two new passwords differ.");
        changePassword(page, "password-of-acct-web", "short", "short");
        assertThat(page.textContent("#newPassword-error")).isEqualTo("12 to 72 characters.");
        changePassword(page, "password-of-acct-web", "a brand new password", "a brand new password");
        assertThat(page.textContent("#done")).isEqualTo("Your password is changed.");
        page.context().close();
        Page again = login("acct-web", "a brand new password");
        again.navigate(server.url + "/account");
        again.fill("#label", "nightly export");
        follow(again, "#issue-key");
        String key = again.textContent("#issued-key");
        assertThat(key).startsWith("rf_");
        assertThat(again.textContent("#keys")).contains("nightly export").doesNotContain(key);
        shot(again, "26-account");
        var api = again.context().request();
        var withKey = com.microsoft.playwright.options.RequestOptions.create().setHeader("X-Api-Key", key);
        assertThat(api.get(server.url + "/api/accounts/me", withKey).status()).isEqualTo(200);
        again.navigate(server.url + "/account");
        assertThat(again.locator("#issued-key").count()).as("shown once").isZero();
        follow(again, "#keys tr:has-text('nightly export') button.revoke"); // not the key the test server made
        assertThat(again.textContent("#done")).contains("revoked");
        assertThat(api.get(server.url + "/api/accounts/me", withKey).status()).isEqualTo(401);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void an_admin_creates_accounts_and_sets_a_password_on_the_accounts_page() {
        server.account("web-admin", Role.ADMIN);
        Page admin = login("web-admin", "password-of-web-admin");
        follow(admin, "nav a[href='/admin/accounts']");
        assertThat(admin.locator("#accounts tr td:nth-child(2)").allTextContents()).contains("reviewer", "web-admin");
        String[][] refused = {{"bad name!", "a long enough password", "username", "must match"},
            {"reviewer", "a long enough password", "username", "is taken"},
            {"new-reviewer", "short", "password", "12 to 72 characters"},
            {"new-reviewer", "a long enough password", "role", "must not be null"}};
        for (String[] r : refused) {
            admin.fill("#username", r[0]);
            admin.fill("#displayName", "New Reviewer");
            admin.evaluate("document.getElementById('role').removeAttribute('required')");
            admin.selectOption("#role", r[2].equals("role") ? "" : "REVIEWER");
            admin.evaluate("document.getElementById('password').removeAttribute('minlength')");
            admin.fill("#password", r[1]);
            follow(admin, "#create-account");
            assertThat(admin.textContent("#" + r[2] + "-error")).as(r[0]).contains(r[3]);
            assertThat(admin.inputValue("#username")).as("the form keeps what was typed").isEqualTo(r[0]);
        }
        admin.fill("#username", "new-reviewer");
        admin.fill("#displayName", "New Reviewer");
        admin.selectOption("#role", "REVIEWER");
        admin.fill("#password", "a long enough password");
        follow(admin, "#create-account");
        assertThat(admin.textContent("#done")).contains("new-reviewer");
        assertThat(admin.textContent("header a.me")).as("who is logged in, linking to the account").isEqualTo(
                "web-admin");
        shot(admin, "27-accounts");
        String row = "#accounts tr:has-text('new-reviewer')";
        admin.fill(row + " input[type=password]", "set by the admin here");
        follow(admin, row + " button.set-password");
        assertThat(admin.textContent("#reset")).contains("new-reviewer");
        Page person = login("new-reviewer", "set by the admin here");
        assertThat(person.textContent("h1")).isEqualTo("Dashboard");
        // disabled while logged in: the next page is refused; enabled again, it works
        follow(admin, row + " button.toggle-disabled");
        assertThat(admin.textContent("#disabled-done")).contains("new-reviewer");
        assertThat(admin.textContent(row + " .state")).isEqualTo("disabled");
        assertThat(person.navigate(server.url + "/dashboard").status()).isEqualTo(403);
        follow(admin, row + " button.toggle-disabled");
        assertThat(admin.textContent(row + " .state")).isEqualTo("active");
        assertThat(person.navigate(server.url + "/dashboard").status()).isEqualTo(200);
        expectedErrorPages("/dashboard");
        assertThat(person.locator("nav a[href='/admin/accounts']").count()).isZero();
        assertThat(person.navigate(server.url + "/admin/accounts").status()).isEqualTo(403);
        expectedErrorPages("/admin/accounts");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void a_person_adds_a_webhook_sees_its_secret_once_and_removes_it_on_the_account_page() {
        server.account("hook-web", Role.RIGHTS_HOLDER);
        Page page = login("hook-web", "password-of-hook-web");
        page.navigate(server.url + "/account");
        page.evaluate("document.getElementById('url').type = 'text'"); // past the browser's own check
        page.fill("#url", "http://hooks.brand.example/redflag");
        follow(page, "#add-webhook");
        assertThat(page.textContent("#url-error")).contains("expected an https:// URL");
        assertThat(page.inputValue("#url")).as("the form keeps what was typed")
                .isEqualTo("http://hooks.brand.example/redflag");
        page.fill("#url", "https://hooks.brand.example/redflag");
        follow(page, "#add-webhook");
        String secret = page.textContent("#webhook-secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(page.textContent("#webhooks")).contains("https://hooks.brand.example/redflag")
                .doesNotContain(secret);
        assertThat(page.textContent("#webhooks .last-delivery")).contains("none yet");
        // a ping to a name that does not resolve here: its delivery shows as failing, with why
        follow(page, "#webhooks button.ping-webhook");
        assertThat(page.textContent("#done")).contains("A ping is on its way");
        assertThat(page.locator("#webhook-secret").count()).as("shown once").isZero();
        for (int i = 0; i < 40 && !page.textContent("#webhooks .last-delivery").contains("failing"); i++) {
            page.waitForTimeout(500);
            page.navigate(server.url + "/account");
        }
        assertThat(page.textContent("#webhooks .last-delivery")).contains("failing", "cannot be resolved",
                "attempts so far: 1");
        shot(page, "28-webhooks");
        follow(page, "#webhooks button.remove-webhook");
        assertThat(page.textContent("#done")).contains("hears nothing more");
        assertThat(page.locator("#webhooks").count()).isZero();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void an_admin_downloads_a_backup_from_the_accounts_page_and_no_one_else_can() throws Exception {
        server.account("backup-admin", Role.ADMIN);
        Page admin = login("backup-admin", "password-of-backup-admin");
        follow(admin, "nav a[href='/admin/accounts']");
        assertThat(admin.textContent("#backup")).contains("redflag restore");
        Download download = admin.waitForDownload(() -> admin.click("#download-backup"));
        assertThat(download.failure()).isNull();
        assertThat(download.suggestedFilename()).matches("redflag-backup-\\d{8}-\\d{6}\\.zip");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(download.path().toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.getEntry("database/redflag.mv.db")).as("the browser tests' server runs on H2").isNotNull();
            assertThat(zip.getEntry("evidence/keys/ledger-ed25519.pub.pem")).isNotNull();
        }
        Page person = login("reviewer", "reviewer-password");
        assertThat(person.navigate(server.url + "/admin/backup").status()).isEqualTo(403);
        assertThat(person.textContent("main")).contains("only admins take backups");
        expectedErrorPages("/admin/backup");
        assertThat(consoleErrors).isEmpty();
    }

    /** Fills the account page's password form and sends it (past the browser's own length check). */
    private static void changePassword(Page page, String current, String fresh, String repeated) {
        page.evaluate("document.getElementById('newPassword').removeAttribute('minlength')");
        page.fill("#currentPassword", current);
        page.fill("#newPassword", fresh);
        page.fill("#repeatPassword", repeated);
        follow(page, "#change-password");
    }
}
