package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedcast.RequiredTools;
import org.seedcast.support.Browser;
import org.seedcast.support.Clips;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.support.TusClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The studio in a real browser: an admin signs in, creates a show, uploads through the resumable uploader. */
@IntegrationTest
@ExtendWith(Browser.Extension.class)
class StudioBrowserTests {

    @LocalServerPort
    int port;

    @TempDir
    Path tmp;

    ChromeDriver chrome;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start(ChromeDriver shared) {
        chrome = shared;
        browser = shared;
        wait = Browser.waitUpTo(browser, Duration.ofSeconds(60));
        Http admin = Http.at(port).as("admin", "admin-secret-1");
        admin.postJson("/api/users", "{\"username\":\"carol\",\"password\":\"carol-pass-1\",\"role\":\"producer\"}");
    }

    @Test
    void adminCreatesAShowAndUploadsAnEpisodeThroughTheResumableUploader() throws IOException {
        signIn("admin", "admin-secret-1"); // only admins create shows

        browser.get(url("/studio/shows/new"));
        browser.findElement(By.id("title")).sendKeys("Carol's Kitchen");
        browser.findElement(By.id("slug")).sendKeys("carols-kitchen");
        browser.findElement(By.id("description")).sendKeys("Cooking & <chemistry>");
        browser.findElement(By.cssSelector("button[type=submit].button")).click();
        wait.until(ExpectedConditions.urlContains("/studio/shows/carols-kitchen"));
        assertThat(browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Created Carol's Kitchen");

        Path video = tmp.resolve("Pilot episode.mp4");
        Files.write(video, Media.mp4(8 * 1024 * 1024 + 5, 42)); // two of the uploader's 8 MiB chunks: a full one and 5 bytes
        browser.findElement(By.id("episode-title")).sendKeys("Pilot");
        browser.findElement(By.id("episode-file")).sendKeys(video.toString());
        browser.findElement(By.id("upload-start")).click();

        wait.until(ExpectedConditions.urlContains("/studio/episodes/"));
        assertThat(browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Upload complete");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pilot");

        browser.get(url("/studio/shows/carols-kitchen"));
        WebElement table = browser.findElement(By.id("episodes"));
        assertThat(table.getText()).contains("Pilot").contains("Draft").contains("Pilot-episode.mp4").contains("8.4 MB");
    }

    /**
     * The server takes the first 8 MiB chunk but the page is told 502, as when a proxy loses the
     * answer: the uploader must ask the server for its offset and go on from there (F-11), not forget
     * the upload and start again from byte 0. Every PATCH's offset is kept in the tab's session
     * storage, which outlives the uploader's move to the episode page.
     */
    @Test
    void aLostAnswerIsRetriedAndTheUploadGoesOnFromTheServersOffset() throws Exception {
        String lostAnswer = """
                (function (open, send, header) {
                  var lost = false;
                  XMLHttpRequest.prototype.open = function (method) { this.method = method; return open.apply(this, arguments); };
                  XMLHttpRequest.prototype.setRequestHeader = function (name, value) {
                    if (this.method === 'PATCH' && name === 'Upload-Offset') {
                      var offsets = JSON.parse(sessionStorage.getItem('patches') || '[]');
                      sessionStorage.setItem('patches', JSON.stringify(offsets.concat([Number(value)])));
                    }
                    return header.apply(this, arguments);
                  };
                  XMLHttpRequest.prototype.send = function () {
                    var xhr = this, onload = xhr.onload;
                    if (xhr.method === 'PATCH' && !lost) {
                      lost = true;
                      xhr.onload = function () {
                        Object.defineProperty(xhr, 'status', { get: function () { return 502; } });
                        Object.defineProperty(xhr, 'responseText', { get: function () { return ''; } });
                        return onload.apply(xhr, arguments);
                      };
                    }
                    return send.apply(xhr, arguments);
                  };
                })(XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send, XMLHttpRequest.prototype.setRequestHeader);
                """;
        Studio studio = new Studio(port);
        studio.showOnce("lost-answer", "{\"slug\":\"lost-answer\",\"title\":\"Lost answer\"}");
        byte[] content = Media.mp4(8 * 1024 * 1024 + 5, 44);
        Path video = tmp.resolve("Retried.mp4");
        Files.write(video, content);
        Browser.signIn(chrome, port, "admin", "admin-secret-1");
        Object script = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", lostAnswer))
                .get("identifier");
        try (AutoCloseable quickRetry = Browser.shortTimers(chrome, 1000, 10)) {
            browser.get(url("/studio/shows/lost-answer"));
            browser.findElement(By.id("episode-title")).sendKeys("Retried");
            browser.findElement(By.id("episode-file")).sendKeys(video.toString());
            browser.findElement(By.id("upload-start")).click();

            wait.until(ExpectedConditions.urlContains("/studio/episodes/"));
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }

        assertThat(browser.findElement(By.cssSelector(".flash.success")).getText()).contains("Upload complete");
        assertThat(String.valueOf(chrome.executeScript("return sessionStorage.getItem('patches')")))
                .as("offsets of the PATCHes: the one whose answer was lost, then on from the server's offset")
                .isEqualTo("[0,8388608]");
        String id = browser.getCurrentUrl().replaceAll(".*/studio/episodes/(\\d+).*", "$1");
        String episode = studio.admin().get("/api/episodes/" + id).body();
        assertThat((String) JsonPath.read(episode, "$.sha256")).isEqualTo(TusClient.sha256(content));
    }

    @Test
    void pendingMediaFactsAppearOnTheEpisodePageOnceReadWithoutAReloadThatLosesEdits(@Autowired JdbcTemplate jdbc)
            throws Exception {
        RequiredTools.require("ffprobe");
        Studio studio = new Studio(port);
        studio.showOnce("facts-in-the-browser", "{\"slug\":\"facts-in-the-browser\",\"title\":\"Facts\"}");
        int id = studio.upload("facts-in-the-browser", "Clip", Clips.webm(tmp, 1, "160x90"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> JsonPath
                .read(studio.admin().get("/api/episodes/" + id).body(), "$.facts.state"), "known"::equals);
        jdbc.update("update episodes set facts_state = 'PENDING' where id = ?", id); // as while it is read
        Browser.signIn(chrome, port, "admin", "admin-secret-1");
        // the page asks again after 2 s, then longer each time; every 200 ms here, through the same code
        try (AutoCloseable quicker = Browser.shortTimers(chrome, 2000, 200)) {
            browser.get(url("/studio/episodes/" + id));
        }
        assertThat(browser.findElement(By.id("facts-pending")).isDisplayed()).isTrue();
        browser.findElement(By.id("description")).sendKeys("typed while the facts were read");
        jdbc.update("update episodes set facts_state = 'KNOWN' where id = ?", id); // the read is done

        WebElement facts = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("media-facts")));
        assertThat(facts.getText()).contains("0:01").contains("160×90").contains("vp8 + vorbis");
        assertThat(browser.findElements(By.id("facts-pending"))).isEmpty();
        assertThat(browser.findElement(By.id("description")).getAttribute("value"))
                .as("no reload").contains("typed while the facts were read");
    }

    @Test
    void aWrongPasswordShowsAnErrorOnTheLoginPage() {
        signIn("carol", "not-her-password");
        assertThat(browser.getCurrentUrl()).contains("/login?error");
        assertThat(browser.findElement(By.cssSelector(".flash.error")).getText()).contains("Wrong username or password");
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
