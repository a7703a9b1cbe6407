package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
class AdminBrowserTests {

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    @Autowired
    Housekeeper housekeeper;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
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
    void theOverviewDrawsItsChartsAndUpdatesWithoutReloading() {
        signIn("admin", "admin-secret-1");
        browser.get(url("/admin"));
        wait.until(driver -> driver.findElement(By.id("live-status")).getText().contains("updated"));
        assertThat(browser.findElements(By.cssSelector("#load-chart svg"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#minutes-chart svg"))).isNotEmpty();
    }

    @Test
    void anAdminFollowsASwarmFromItsSparklineToItsChartedHistory() {
        String slug = "charted-" + UUID.randomUUID().toString().substring(0, 8);
        String infoHash = JsonPath.read(new Studio(port).publishInNewShow(slug, Media.mp4(100_000, 51)), "$.infoHash");
        Peers peers = new Peers(trackerPort);
        peers.announce(infoHash, 7301, 0, "started");
        peers.announce(infoHash, 7302, 1000, "started");
        housekeeper.sweep(); // closes a minute, as the tracker's timer does
        peers.announce(infoHash, 7302, 0, "completed");
        housekeeper.sweep();
        signIn("admin", "admin-secret-1");

        browser.get(url("/admin/swarms?q=" + slug));
        WebElement spark = browser.findElement(By.cssSelector("#swarms svg.sparkline polyline"));
        assertThat(spark.getAttribute("points")).matches("[0-9.]+,[0-9.]+( [0-9.]+,[0-9.]+)+");
        browser.findElement(By.cssSelector("#swarms a.swarm-link")).click();
        wait.until(ExpectedConditions.urlContains("/admin/swarms/" + infoHash));
        wait.until(driver -> driver.findElement(By.id("live-status")).getText().contains("updated"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Episode of " + slug);
        List<WebElement> peerLines = browser.findElements(By.cssSelector("#peers-chart svg path"));
        assertThat(peerLines).hasSize(2).allSatisfy(line -> assertThat(line.getAttribute("d")).matches("M[0-9.]+ [0-9.]+( L[0-9.]+ [0-9.]+)+"));
        assertThat(browser.findElement(By.id("peers-legend")).getText()).contains("seeders 2").contains("leechers 0");
        assertThat(browser.findElements(By.cssSelector("#announces-chart svg path"))).singleElement()
                .satisfies(line -> assertThat(line.getAttribute("d")).contains("L"));
        assertThat(browser.findElements(By.cssSelector("#completed-chart svg path"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#peers-chart svg")).getRect().getHeight()).isGreaterThan(100);
    }

    @Test
    void aProducerCannotOpenTheAdminPages() {
        String producer = "nosy-" + UUID.randomUUID().toString().substring(0, 8);
        Http.at(port).as("admin", "admin-secret-1").postJson("/api/users",
                "{\"username\":\"" + producer + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\"}");
        signIn(producer, "producer-pass-1");
        assertThat(browser.findElements(By.linkText("Admin"))).as("no admin link in the nav").isEmpty();
        browser.get(url("/admin"));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Tracker overview");
        assertThat(Http.at(port).as(producer, "producer-pass-1").get("/admin").statusCode()).isEqualTo(403);
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
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        wait.until(driver -> !driver.getCurrentUrl().endsWith("/login"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
