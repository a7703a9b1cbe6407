package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedcast.support.Browser;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Peers;
import org.seedcast.support.Studio;
import org.seedcast.tracker.engine.Housekeeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin in headless Chromium reviews foreign torrents and blocks one, and follows a swarm from
 * the list to its charted history; a producer is kept out.
 */
@IntegrationTest
@ExtendWith(Browser.Extension.class)
class AdminBrowserTests {

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    @Autowired
    Housekeeper housekeeper;

    @Autowired
    TrackerLoad trackerLoad;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start(ChromeDriver shared) {
        browser = shared;
        wait = Browser.waitUpTo(browser, Duration.ofSeconds(30));
    }

    @Test
    void anAdminSeesAForeignHashAppearBlocksItAndTheTrackerSaysNeverRetry() {
        String hash = "c0ffee00" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 3; i++) {
            assertThat(announce(hash).body()).contains("only serves").doesNotContain("never");
        }
        signIn("admin", "admin-secret-1");

        browser.get(url("/admin"));
        browser.findElement(By.linkText("Unknown torrents")).click();
        wait.until(ExpectedConditions.urlContains("/admin/unknown-torrents"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-hash='" + hash + "']"));
        assertThat(row.getText()).contains("qBittorrent 4.6.5").contains("127.0.0.1").contains("new");

        row.findElement(By.cssSelector("button.block")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.success")));
        assertThat(browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Blocked " + hash);
        assertThat(browser.findElement(By.cssSelector("tr[data-hash='" + hash + "']")).getText()).contains("blocked");

        assertThat(announce(hash).body()).contains("8:retry in5:never");
    }

    @Test
    void theOverviewDrawsItsChartsAndUpdatesWithoutReloading() throws Exception {
        String hash = "10ad0000" + UUID.randomUUID().toString().replace("-", "");
        trackerLoad.sample();
        for (int i = 0; i < 5; i++) {
            announce(hash);
        }
        trackerLoad.sample(); // the refused announces, as http/unknown per second
        trackerLoad.sample();
        housekeeper.sweep(); // two closed minutes for the per-minute chart
        housekeeper.sweep();
        signIn("admin", "admin-secret-1");
        // the overview refreshes every 5 s; every 300 ms here, so the refresh below comes without a 5 s wait
        try (AutoCloseable quicker = Browser.shortTimers((ChromeDriver) browser, 5000, 300)) {
            browser.get(url("/admin"));
            overviewDrawsAndRefreshes();
        }
    }

    private void overviewDrawsAndRefreshes() {
        wait.until(driver -> driver.findElement(By.id("live-status")).getText().contains("updated"));

        assertThat(browser.findElement(By.id("load-legend")).getText()).contains("http/unknown ");
        assertThat(pixelsOf("#load-chart", "#b7791f")).as("the http/unknown line").isGreaterThan(100);
        assertThat(browser.findElement(By.id("minutes-legend")).getText())
                .containsPattern("announces \\d").containsPattern("refusals \\d").contains("rateLimited ").contains("peers ");
        // only refused announces here, so the refusals line lies on the announces line (it is drawn after it);
        // its length depends on how the closed minutes fell (a loaded run drew 92 pixels), so any visible line counts
        assertThat(pixelsOf("#minutes-chart", "#b7791f")).as("the refusals line").isGreaterThan(40);

        // a refresh hands the same plot its new data instead of drawing a new one
        JavascriptExecutor page = (JavascriptExecutor) browser;
        double lastSample = ((Number) page.executeScript("window.seenPlot = SeedcastCharts.plot(document.getElementById('load-chart'));"
                + " return seenPlot.data[0][seenPlot.data[0].length - 1];")).doubleValue();
        trackerLoad.sample();
        wait.until(driver -> ((Number) page.executeScript("var x = SeedcastCharts.plot(document.getElementById('load-chart')).data[0];"
                + " return x[x.length - 1];")).doubleValue() > lastSample);
        assertThat(page.executeScript("return SeedcastCharts.plot(document.getElementById('load-chart')) === window.seenPlot;")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#load-chart canvas"))).hasSize(1);
        assertThat(page.executeScript("return window.cspViolations;")).asList().isEmpty();
    }

    @Test
    void anAdminFollowsASwarmFromItsSparklineToItsChartedHistory() {
        String slug = "charted-" + UUID.randomUUID().toString().substring(0, 8);
        String infoHash = JsonPath.read(new Studio(port).publishInNewShow(slug, Media.mp4(100_000, 51)), "$.infoHash");
        new Peers(trackerPort).twoMinutesOfASeederAndALeecher(infoHash, 7301, housekeeper::sweep);
        signIn("admin", "admin-secret-1");

        browser.get(url("/admin/swarms?q=" + slug));
        WebElement spark = browser.findElement(By.cssSelector("#swarms svg.sparkline polyline"));
        assertThat(spark.getAttribute("points")).matches("[0-9.]+,[0-9.]+( [0-9.]+,[0-9.]+)+");
        browser.findElement(By.cssSelector("#swarms a.swarm-link")).click();
        wait.until(ExpectedConditions.urlContains("/admin/swarms/" + infoHash));
        wait.until(driver -> driver.findElement(By.id("live-status")).getText().contains("updated"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Episode of " + slug);
        assertThat(browser.findElement(By.id("peers-legend")).getText()).contains("seeders 2").contains("leechers 0");
        assertThat(pixelsOf("#peers-chart", "#1d8a54")).as("the seeders line").isGreaterThan(100);
        assertThat(pixelsOf("#peers-chart", "#b7791f")).as("the leechers line").isGreaterThan(100);
        assertThat(browser.findElement(By.id("announces-legend")).getText()).containsPattern("^announces \\d+$");
        assertThat(pixelsOf("#announces-chart", "#2f6fed")).as("the announces line").isGreaterThan(100);
        assertThat(browser.findElement(By.id("completed-legend")).getText()).containsPattern("^completed \\d+$");
        assertThat(pixelsOf("#completed-chart", "#7c3aed")).as("the completed line").isGreaterThan(100);
        WebElement canvas = browser.findElement(By.cssSelector("#peers-chart .uplot canvas"));
        assertThat(canvas.getRect().getHeight()).isGreaterThan(100);
        int wide = canvas.getRect().getWidth();
        assertThat(wide).isGreaterThan(300).isCloseTo(browser.findElement(By.id("peers-chart")).getRect().getWidth(), within(1));

        // the charts follow the page's width: at 700 px the two columns become one, and a chart gets wider
        browser.manage().window().setSize(new Dimension(700, 900));
        wait.until(driver -> {
            int now = driver.findElement(By.cssSelector("#peers-chart .uplot canvas")).getRect().getWidth();
            return now != wide && Math.abs(now - driver.findElement(By.id("peers-chart")).getRect().getWidth()) <= 1;
        });
        assertThat(((JavascriptExecutor) browser).executeScript("return window.cspViolations;")).asList().isEmpty();
    }

    @Test
    void aProducerCannotOpenTheAdminPages() {
        String producer = "nosy-" + UUID.randomUUID().toString().substring(0, 8);
        Http.at(port).as("admin", "admin-secret-1").postJson("/api/users",
                "{\"username\":\"" + producer + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\"}");
        signIn(producer, "producer-pass-1");
        browser.get(url("/studio"));
        assertThat(browser.findElements(By.linkText("Admin"))).as("no admin link in the nav").isEmpty();
        browser.get(url("/admin"));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Tracker overview");
        assertThat(Http.at(port).as(producer, "producer-pass-1").get("/admin").statusCode()).isEqualTo(403);
    }

    /**
     * How many pixels of a chart's canvas are painted in {@code hex} (give or take antialiasing):
     * a line in that colour was drawn; -1 without a canvas.
     */
    private long pixelsOf(String chart, String hex) {
        Object n = ((JavascriptExecutor) browser).executeScript("""
                var canvas = document.querySelector(arguments[0] + ' .uplot canvas');
                if (!canvas || !canvas.width || !canvas.height) { return -1; }
                var hex = arguments[1];
                var want = [1, 3, 5].map(function (i) { return parseInt(hex.substr(i, 2), 16); });
                var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, n = 0;
                for (var i = 0; i < d.length; i += 4) {
                  if (d[i + 3] > 200 && Math.abs(d[i] - want[0]) < 12 && Math.abs(d[i + 1] - want[1]) < 12 && Math.abs(d[i + 2] - want[2]) < 12) { n++; }
                }
                return n;
                """, chart, hex);
        return ((Number) n).longValue();
    }

    private HttpResponse<String> announce(String infoHashHex) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        String query = "info_hash=" + hash + "&peer_id=" + URLEncoder.encode("-qB4650-abcdefghijkl", StandardCharsets.UTF_8)
                + "&port=6881&uploaded=0&downloaded=0&left=100&compact=1";
        Http tracker = Http.at(trackerPort);
        return tracker.send(tracker.request("/announce?" + query).build());
    }

    private void signIn(String username, String password) {
        Browser.signIn((ChromeDriver) browser, port, username, password);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
