package org.seedcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedcast.RequiredTools;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile; Selenium
 * Manager is never asked to download anything. Every page records what its Content-Security-Policy
 * blocked in {@code window.cspViolations}, so a test can assert that nothing was.
 */
public final class Browser {

    private static final Dimension WINDOW = new Dimension(1280, 900);
    private static final String RECORD_CSP_VIOLATIONS = """
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
            });
            """;

    /** A browser started ahead of the run's first browser test (see {@link HeadStart}), until that test takes it. */
    private static CompletableFuture<ChromeDriver> early;

    private Browser() {
    }

    /** Starts the run's browser on a thread of its own, ahead of its first use. */
    static synchronized void startEarly() {
        if (early == null) {
            early = CompletableFuture.supplyAsync(Browser::start, runnable -> Thread.ofPlatform().daemon()
                    .name("head-start-browser").start(runnable));
        }
    }

    /** The browser started early, or null if none was or its start failed (the caller then starts one, and fails). */
    private static synchronized ChromeDriver takeEarly() {
        CompletableFuture<ChromeDriver> started = early;
        early = CompletableFuture.failedFuture(new IllegalStateException("taken"));
        try {
            return started == null ? null : started.join();
        } catch (CompletionException | CancellationException failed) {
            return null;
        }
    }

    /** Quits the browser started early if no test took it. */
    static void quitUntaken() {
        ChromeDriver untaken = takeEarly();
        if (untaken != null) {
            untaken.quit();
        }
    }

    /** A browser of the caller's own, which it quits. */
    public static ChromeDriver start() {
        Path chromium = RequiredTools.require("chromium");
        Path chromedriver = RequiredTools.require("chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("seedcast-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(), "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
        return driver;
    }

    /**
     * Signs {@code driver} in as {@code username} without a page load: the sign-in form is posted over HTTP, as a
     * browser posts it, and the session cookie it answers with is handed to the browser. For tests about what comes
     * after signing in; the sign-in page itself is tested in a browser elsewhere.
     */
    public static void signIn(ChromeDriver driver, int port, String username, String password) {
        PageClient client = PageClient.at(port);
        HttpResponse<String> answer = client.signIn(username, password);
        assertThat(answer.headers().firstValue("Location").orElse("")).as(username + " signed in")
                .isNotEmpty().doesNotContain("/login");
        for (HttpCookie cookie : client.cookies().getCookieStore().getCookies()) {
            driver.executeCdpCommand("Network.setCookie", Map.of("name", cookie.getName(), "value", cookie.getValue(),
                    "url", "http://localhost:" + port + "/", "httpOnly", cookie.isHttpOnly()));
        }
    }

    /**
     * A wait of up to {@code timeout} for a condition on {@code driver}'s page, checked every 50 ms: Selenium's
     * default half second between checks is sat out by every wait whose condition is not met at once.
     */
    public static WebDriverWait waitUpTo(WebDriver driver, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }

    /**
     * Until closed, pages opened in {@code driver} run a timer of {@code from} milliseconds or more after
     * {@code to} milliseconds instead: a page's own periodic refresh then comes within the test's wait, through the
     * same code, without waiting its real period.
     */
    public static AutoCloseable shortTimers(ChromeDriver driver, int from, int to) {
        String source = "(function (setTimeout) { window.setTimeout = function (f, ms) {"
                + " return setTimeout.apply(window, [f, ms >= " + from + " ? " + to + " : ms].concat([].slice.call(arguments, 2)));"
                + " }; })(window.setTimeout);";
        Object identifier = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source))
                .get("identifier");
        return () -> driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }

    /**
     * Resolves a {@link ChromeDriver} parameter (of a {@code @BeforeEach} method, say) with the run's one browser,
     * started on first use (a start costs seconds) and quit when the run ends. Each test gets it as a new one would
     * be: a blank page, no cookies, nothing stored for the application's origin, the usual window size. After each
     * test the browser goes back to a blank page, so that no page keeps running (a dashboard refreshing itself, a
     * player) through the classes that run until the next browser test.
     */
    public static final class Extension extends RunScoped<ChromeDriver> implements AfterEachCallback {

        public Extension() {
            super(ChromeDriver.class);
        }

        @Override
        ChromeDriver create() {
            ChromeDriver started = takeEarly();
            return started != null ? started : start();
        }

        @Override
        void close(ChromeDriver driver) {
            driver.quit();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ChromeDriver driver = made(context);
            if (driver != null) {
                driver.get("about:blank");
            }
        }

        @Override
        ChromeDriver handOver(ChromeDriver driver) {
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            String port = System.getProperty("seedcast.test.port");
            if (port != null) {
                driver.executeCdpCommand("Storage.clearDataForOrigin",
                        Map.of("origin", "http://localhost:" + port, "storageTypes", "all"));
            }
            driver.manage().window().setSize(WINDOW);
            return driver;
        }
    }
}
