package org.seedcast.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.seedcast.support.Browser;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.torrent.Torrent;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A fan opens a show page in headless Chromium: feeds to subscribe to, and a torrent link that gives the .torrent. */
@IntegrationTest
@ExtendWith(Browser.Extension.class)
class ShowPageBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void showPageOffersItsFeedsAndItsTorrentLinkGivesTheTorrent(ChromeDriver browser) throws Exception {
        Http admin = Http.at(port).as("admin", "admin-secret-1");
        admin.postJson("/api/shows", "{\"slug\":\"browser-feeds\",\"title\":\"Browser & <Feeds>\"}");
        HttpResponse<String> created = admin.postMultipart("/api/shows/browser-feeds/episodes", "Pilot", "pilot.mp4",
                Media.mp4(500_009, 81));
        int id = JsonPath.read(created.body(), "$.id");
        String episode = admin.postJson("/api/episodes/" + id + "/publish", "").body();

        browser.get("http://localhost:" + port + "/shows/browser-feeds");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Browser & <Feeds>");
        List<WebElement> alternates = browser.findElements(By.cssSelector("head link[rel=alternate][type='application/rss+xml']"));
        assertThat(alternates).extracting(link -> link.getAttribute("href")).containsExactly(
                "http://localhost:" + port + "/shows/browser-feeds/feed.xml",
                "http://localhost:" + port + "/shows/browser-feeds/torrents.xml");
        assertThat(browser.findElement(By.id("podcast-feed-url")).getAttribute("value"))
                .isEqualTo("http://localhost:" + port + "/shows/browser-feeds/feed.xml");
        assertThat(browser.findElement(By.id("torrent-feed-url")).getAttribute("value")).endsWith("/shows/browser-feeds/torrents.xml");
        assertThat(browser.findElement(By.cssSelector("label[for=torrent-feed-url]")).getText()).contains("Torrent feed");

        browser.findElement(By.id("torrent-feed")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/shows/browser-feeds/torrents.xml");
        assertThat(browser.getPageSource()).contains("browser-feeds").contains("Pilot");
        browser.navigate().back();

        String torrentHref = browser.findElement(By.linkText(".torrent")).getAttribute("href");
        HttpResponse<byte[]> torrent = Http.at(port).sendForBytes(Http.at(port)
                .request(torrentHref.replaceFirst("^https?://[^/]+", "")).build());
        assertThat(torrent.statusCode()).isEqualTo(200);
        assertThat(torrent.headers().firstValue("Content-Type")).hasValue("application/x-bittorrent");
        assertThat(Torrent.parse(torrent.body()).infoHash().toHex()).isEqualTo(JsonPath.read(episode, "$.infoHash"));
    }
}
