package org.redflag.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.server.TestServer;

/**
 * A server on H2 and Debian's headless Chromium driven by Playwright, for the browser tests: logging in, following
 * links, a screenshot of each page under target/screenshots/ with its text contrast checked at WCAG AA, and the
 * console's errors collected. With CI=true a missing browser fails the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "screenshots");

    TestServer server;
    Playwright playwright;
    Browser browser;
    final List<String> consoleErrors = new ArrayList<>();
    final List<String> pagesSeen = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and no Chromium at " + CHROMIUM + " (apt-get install chromium)");
            }
            Assumptions.abort("no Chromium at " + CHROMIUM);
        }
        Files.createDirectories(SHOTS);
        server = TestServer.start(TestServer.Db.H2, TestServer.database(TestServer.Db.H2, dir), Map.of());
        prepare(server);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Page login(String user, String password) {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(page.url() + ": " + m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add(page.url() + ": " + e));
        page.navigate(server.url + "/login");
        if (!pagesSeen.contains("login")) {
            pagesSeen.add("login");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("00-login.png")).setFullPage(true));
            assertContrast(page, "login");
        }
        page.fill("#username", user);
        page.fill("#password", password);
        page.waitForNavigation(() -> page.click("button[type=submit]"));
        return page;
    }

    void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
        pagesSeen.add(page.url());
        assertContrast(page, name);
    }

    /** Every element with its own text: contrast of its colour against the first opaque background behind it. */
    void assertContrast(Page page, String name) {
        Object low = page.evaluate("""
                () => {
                  const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
                    .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
                    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
                  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                    const a = c.match(/[\\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255,255,255)'; };
                  const bad = [];
                  for (const el of document.querySelectorAll('body *')) {
                    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    if (!own || el.offsetParent === null && el.tagName !== 'BODY') continue;
                    const s = getComputedStyle(el);
                    const l1 = lum(s.color), l2 = lum(bg(el));
                    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                    const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
                    if (ratio < (large ? 3 : 4.5)) bad.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
                  }
                  return bad;
                }""");
        assertThat((List<?>) low).as("WCAG AA contrast on %s", name).isEmpty();
    }

    /** The accounts and data the class's tests start from. */
    abstract void prepare(TestServer server);

    /** Clicks a link or button that leads to another page and waits until that page has loaded. */
    static void follow(Page page, String selector) {
        page.waitForNavigation(() -> page.click(selector));
        page.waitForLoadState();
    }

    /** Forgets the console's report of pages answered with an error status on purpose (a 403, a 404). */
    void expectedErrorPages(String urlPattern) {
        consoleErrors.removeIf(e -> e.matches(".*" + urlPattern + ": Failed to load resource: the server responded"
                + " with a status of 4\\d\\d.*"));
    }
}
