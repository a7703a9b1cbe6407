package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.seedcast.support.Browser;
import org.seedcast.support.Clips;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Studio;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A fan presses play in headless Chromium: a real clip (made by ffmpeg, WebM/VP8, which Debian's
 * Chromium plays) streams from the web seed on the episode page and in the embed, and the strict
 * Content-Security-Policy blocks nothing on the way.
 */
@IntegrationTest
@ExtendWith(Browser.Extension.class)
class PlayerBrowserTests {

    /** Starts playback muted (browsers let a script start muted media) and says what the element reports. */
    private static final String PLAY = """
            const v = document.getElementById('player');
            v.muted = true;
            v.play().catch(e => window.playError = String(e));
            """;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void theEpisodePageAndTheEmbedPlayTheEpisodeFromTheWebSeed(ChromeDriver browser) throws Exception {
        Studio studio = new Studio(port);
        studio.show("player-browser", "v1");
        String episode = studio.publish("player-browser", "Test pattern", Clips.webm(dir, 4, "160x90"));
        int id = JsonPath.read(episode, "$.id");

        for (String page : List.of("/shows/player-browser/episodes/" + id, "/embed/" + id)) {
            browser.get("http://localhost:" + port + page);
            JavascriptExecutor js = browser;
            js.executeScript(PLAY);
            Browser.waitUpTo(browser, Duration.ofSeconds(60)).withMessage(() -> page + " did not play: "
                            + js.executeScript("const v = document.getElementById('player'); return [window.playError,"
                            + " v.error && v.error.message, v.networkState, v.readyState, v.currentTime];"))
                    .until(b -> ((Number) js.executeScript("return document.getElementById('player').currentTime;"))
                            .doubleValue() > 0.5);
            assertThat(js.executeScript("return document.getElementById('player').currentSrc;"))
                    .isEqualTo("http://localhost:" + port + JsonPath.read(episode, "$.mediaUrl").toString()
                            .replaceFirst("^https?://[^/]+", ""));
            assertThat(js.executeScript("return window.cspViolations;")).as(page).asList().isEmpty();
        }
    }
}
