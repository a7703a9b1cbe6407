package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedcast.support.Browser;
import org.seedcast.support.Clips;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Peers;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Renders the README's screenshots into {@code docs/screenshots}:
 * {@code ./mvnw test -Dtest=ReadmeScreenshots -Dseedcast.screenshots=true}. Off in normal runs.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "seedcast.screenshots", matches = "true")
@TestPropertySource(properties = "seedcast.tracker.max-ports-per-address=1000") // its swarms all come from 127.0.0.1
class ReadmeScreenshots {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Value("${seedcast.tracker.port}")
    int trackerPort;

    @org.springframework.beans.factory.annotation.Autowired
    org.seedcast.tracker.swarm.SwarmStore swarms;

    @TempDir
    Path clips;

    @Test
    void rendersTheMainPages() throws Exception {
        Http admin = Http.at(port).as("admin", "admin-secret-1");
        admin.postJson("/api/shows", "{\"slug\":\"tech-talk\",\"title\":\"Tech & Talk\",\"author\":\"Seedcast Studio\",\"category\":\"Technology\","
                + "\"description\":\"Weekly conversations about the tools we build with, the bugs that bit us, and the people behind open source.\"}");
        admin.postJson("/api/shows", "{\"slug\":\"night-kitchen\",\"title\":\"Night Kitchen\",\"author\":\"Ana Ruiz\",\"category\":\"Food\","
                + "\"description\":\"Late-night cooking with whatever is left in the fridge.\"}");
        String busiest = null;
        for (int i = 1; i <= 3; i++) {
            String body = admin.postMultipart("/api/shows/tech-talk/episodes", "Episode " + i + ": The one with the flaky test",
                    "episode-" + i + ".webm", Clips.webm(clips, i == 2 ? 12 : 4 + i, i == 2 ? "1280x720" : "640x360")).body();
            String published = admin.postJson("/api/episodes/" + com.jayway.jsonpath.JsonPath.read(body, "$.id") + "/publish", "").body();
            busiest = i == 2 ? com.jayway.jsonpath.JsonPath.read(published, "$.infoHash") : busiest;
        }
        aSwarmsLastHalfHour(busiest);
        admin.postMultipart("/api/shows/tech-talk/episodes", "Episode 4: Draft in progress", "episode-4.webm",
                Clips.webm(clips, 8, "640x360"));

        foreignTraffic();
        admin.postJson("/api/admin/bans", "{\"cidr\":\"198.51.100.0/24\",\"reason\":\"announce flood\"}");
        admin.postJson("/api/admin/bans", "{\"cidr\":\"2001:db8:bad::/48\",\"reason\":\"scraper\"}");
        Thread.sleep(25_000); // two load samples for the overview's chart
        for (int id = 1; id <= 4; id++) { // the media facts and poster frames, read in the background
            String episode = "/api/episodes/" + id;
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                    () -> com.jayway.jsonpath.JsonPath.<String>read(admin.get(episode).body(), "$.facts.state"), "known"::equals);
        }

        ChromeDriver browser = Browser.start();
        try {
            shoot(browser, "/", "home");
            shoot(browser, "/shows/tech-talk", "show");
            browser.get(url("/shows/tech-talk/episodes/2"));
            playAFewSeconds(browser);
            shoot(browser, null, "episode");
            browser.manage().window().setSize(new Dimension(660, 420));
            browser.get(url("/embed/2"));
            playAFewSeconds(browser);
            shoot(browser, null, "embed");
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(url("/login"));
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys("admin-secret-1");
            browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/studio"));
            shoot(browser, "/studio", "studio");
            shoot(browser, "/studio/shows/tech-talk", "studio-show");
            shoot(browser, "/studio/shows/new", "new-show");
            shoot(browser, "/admin/users", "users");
            shoot(browser, "/admin", "admin-overview");
            Thread.sleep(6_000); // one live refresh draws the chart
            shoot(browser, "/admin", "admin-overview");
            shoot(browser, "/admin/swarms", "admin-swarms");
            browser.get(url("/admin/swarms/" + busiest));
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> driver.findElement(By.id("live-status")).getText().contains("updated"));
            shoot(browser, null, "admin-swarm");
            shoot(browser, "/admin/unknown-torrents", "admin-unknown-torrents");
            shoot(browser, "/admin/bans", "admin-bans");
            shoot(browser, "/admin/audit", "admin-audit");
        } finally {
            browser.quit();
        }
    }

    /**
     * Half an hour of one swarm, closed minute by minute as the tracker's timer would (but at once):
     * listeners join, each finishes four minutes later and stays on as a seeder.
     */
    private void aSwarmsLastHalfHour(String infoHash) {
        Peers peers = new Peers(trackerPort);
        int now = (int) (java.time.Instant.now().getEpochSecond() / 60);
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j <= (k * 7) % 3; j++) {
                peers.announce(infoHash, 7400 + 4 * k + j, 1_000_000, "started");
            }
            if (k >= 4) {
                peers.announce(infoHash, 7400 + 4 * (k - 4), 0, "completed");
            }
            swarms.sampleMinute(now - 30 + k);
        }
    }

    /** Foreign hashes announced by a few clients, one of them blocked, plus announces for our own torrent. */
    private void foreignTraffic() {
        String[] clients = {"-qB4650-", "-TR3000-", "-UT355W-", "-lt0D80-", "A2-1-37-"};
        for (int h = 0; h < 4; h++) {
            String hash = String.format("%08x", 0xdecafbadL + h) + "00112233445566778899aabbccddeeff";
            for (int i = 0; i <= 6 * (4 - h); i++) {
                announce(hash, clients[(h + i) % clients.length] + "abcdefghijkl");
            }
        }
        Http.at(port).as("admin", "admin-secret-1").postJson("/api/admin/unknown-torrents/decafbae00112233445566778899aabbccddeeff/block", "");
    }

    private void announce(String infoHashHex, String peerId) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        String query = "info_hash=" + hash + "&peer_id=" + java.net.URLEncoder.encode(peerId, java.nio.charset.StandardCharsets.UTF_8)
                + "&port=6881&uploaded=0&downloaded=0&left=100&compact=1";
        Http tracker = Http.at(trackerPort);
        tracker.send(tracker.request("/announce?" + query).build());
    }

    /** Plays the page's player (muted) for two seconds and pauses it, so a frame of the episode shows. */
    private static void playAFewSeconds(ChromeDriver browser) {
        browser.executeScript("const v = document.getElementById('player'); v.muted = true; v.play();");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> ((Number) browser.executeScript(
                "return document.getElementById('player').currentTime;")).doubleValue() > 2);
        browser.executeScript("document.getElementById('player').pause();");
    }

    /** Screenshots {@code path}, or the page already open when {@code path} is null. */
    private void shoot(ChromeDriver browser, String path, String name) throws Exception {
        if (path != null) {
            browser.get(url(path));
        }
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("docs/screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(target).isNotEmptyFile();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
