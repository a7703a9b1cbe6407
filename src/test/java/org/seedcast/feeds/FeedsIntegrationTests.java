package org.seedcast.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.torrent.Torrent;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The feeds as fans' apps and BitTorrent clients fetch them from the running app. */
@IntegrationTest
class FeedsIntegrationTests {

    static final String HOSTILE = "Tom & Jerry <script>alert(1)</script> 🎬 שלום";

    @LocalServerPort
    int port;

    @TempDir
    Path tmp;

    Http admin;
    Http anonymous;

    @BeforeEach
    void clients() {
        anonymous = Http.at(port);
        admin = anonymous.as("admin", "admin-secret-1");
    }

    @Test
    void podcastFeedListsOnlyPublishedEpisodesNewestFirstWithExactEnclosures() {
        show("feed-podcast", HOSTILE);
        String first = publish("feed-podcast", "First " + HOSTILE, Media.mp4(300_001, 61));
        String second = publish("feed-podcast", "Second", Media.mp4(200_003, 62));
        upload("feed-podcast", "A draft", Media.mp4(100_000, 63));

        HttpResponse<byte[]> response = bytes("/shows/feed-podcast/feed.xml", null);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/rss+xml;charset=UTF-8");
        Channel channel = RomeFeeds.parse(response.body());

        assertThat(channel.getTitle()).isEqualTo(HOSTILE);
        assertThat(channel.getItems()).extracting(Item::getTitle).containsExactly("Second", "First " + HOSTILE);
        Item item = channel.getItems().get(1);
        assertThat(item.getGuid().getValue()).isEqualTo(JsonPath.read(first, "$.guid"));
        assertThat(item.getEnclosures()).singleElement().satisfies(e -> {
            assertThat(e.getLength()).isEqualTo(300_001L);
            assertThat(e.getType()).isEqualTo("video/mp4");
            assertThat(e.getUrl()).endsWith((String) JsonPath.read(first, "$.mediaUrl"));
        });
        var sources = RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "alternateEnclosure")
                .getChildren("source", RomeFeeds.PODCAST);
        assertThat(sources).extracting(s -> s.getAttributeValue("uri"))
                .containsExactly(JsonPath.read(first, "$.torrentUrl"), JsonPath.read(first, "$.magnet"));
        assertThat(channel.getItems().get(0).getGuid().getValue()).isEqualTo(JsonPath.read(second, "$.guid"));
    }

    @Test
    void aFeedAnswers304ToItsETagAndToItsLastModified() {
        show("feed-304", "Conditional");
        publish("feed-304", "One", Media.mp4(100_007, 64));
        HttpResponse<byte[]> first = bytes("/shows/feed-304/feed.xml", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");

        HttpResponse<byte[]> byEtag = bytes("/shows/feed-304/feed.xml", b -> b.header("If-None-Match", etag));
        HttpResponse<byte[]> byDate = bytes("/shows/feed-304/feed.xml", b -> b.header("If-Modified-Since", lastModified));
        HttpResponse<byte[]> otherEtag = bytes("/shows/feed-304/feed.xml", b -> b.header("If-None-Match", "\"other\""));

        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.headers().firstValue("ETag")).hasValue(etag);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertThat(otherEtag.statusCode()).isEqualTo(200);
        assertThat(otherEtag.body()).isEqualTo(first.body());
    }

    @Test
    void editingAnEpisodeChangesTheFeedButNeverItsGuidAndWithdrawingRemovesIt() {
        show("feed-edit", "Edits");
        String episode = publish("feed-edit", "Before", Media.mp4(100_011, 65));
        int id = JsonPath.read(episode, "$.id");
        HttpResponse<byte[]> before = bytes("/shows/feed-edit/feed.xml", null);

        admin.putJson("/api/episodes/" + id, "{\"title\":\"After\",\"season\":3,\"episodeNumber\":9}");
        HttpResponse<byte[]> after = bytes("/shows/feed-edit/feed.xml",
                b -> b.header("If-None-Match", before.headers().firstValue("ETag").orElseThrow()));

        assertThat(after.statusCode()).isEqualTo(200);
        Item item = RomeFeeds.parse(after.body()).getItems().get(0);
        assertThat(item.getTitle()).isEqualTo("After");
        assertThat(item.getGuid().getValue()).isEqualTo(RomeFeeds.parse(before.body()).getItems().get(0).getGuid().getValue());
        assertThat(RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "season").getText()).isEqualTo("3");

        admin.postJson("/api/episodes/" + id + "/unpublish", "");
        assertThat(RomeFeeds.parse(bytes("/shows/feed-edit/feed.xml", null).body()).getItems()).isEmpty();
        assertThat(RomeFeeds.parse(bytes("/shows/feed-edit/torrents.xml", null).body()).getItems()).isEmpty();
    }

    @Test
    void feedsAcrossShowsAndTheOpmlListIncludeEveryShow() {
        show("feed-all-a", "All A");
        show("feed-all-b", "All B");
        publish("feed-all-a", "From A", Media.mp4(100_013, 66));
        publish("feed-all-b", "From B", Media.mp4(100_017, 67));

        assertThat(RomeFeeds.parse(bytes("/feeds/all.xml", null).body()).getItems()).extracting(Item::getTitle)
                .contains("All B: From B", "All A: From A");
        assertThat(RomeFeeds.parse(bytes("/feeds/torrents.xml", null).body()).getItems()).extracting(Item::getTitle)
                .contains("All A: From A");
        HttpResponse<byte[]> opml = bytes("/feeds/opml", null);
        assertThat(opml.headers().firstValue("Content-Type")).hasValue("text/x-opml;charset=UTF-8");
        assertThat(new String(opml.body(), StandardCharsets.UTF_8))
                .contains("xmlUrl=\"http://localhost:" + port + "/shows/feed-all-a/feed.xml\"")
                .contains("xmlUrl=\"http://localhost:" + port + "/shows/feed-all-b/torrents.xml\"");
        assertThat(bytes("/shows/no-such-show/feed.xml", null).statusCode()).isEqualTo(404);
    }

    /** What a fan does: torrent feed → .torrent → aria2c (web seed; no DHT, no peers) → compare the SHA-256. */
    @Test
    void aFanDownloadsAnEpisodeFromTheTorrentFeedWithAria2AndItMatchesTheFeedsHash() throws Exception {
        Path aria2c = RequiredTools.require("aria2c");
        show("feed-fan", "Fan's show");
        byte[] content = Media.mp4(3 * 1024 * 1024 + 19, 68);
        String episode = publish("feed-fan", "Watch me", content);

        Item item = RomeFeeds.parse(bytes("/shows/feed-fan/torrents.xml", null).body()).getItems().get(0);
        var enclosure = item.getEnclosures().get(0);
        assertThat(enclosure.getType()).isEqualTo("application/x-bittorrent");
        HttpResponse<byte[]> torrent = bytes(local(enclosure.getUrl()), null);
        assertThat(torrent.statusCode()).isEqualTo(200);
        assertThat((long) torrent.body().length).isEqualTo(enclosure.getLength());
        assertThat(Torrent.parse(torrent.body()).infoHash().toHex())
                .isEqualTo(RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.TORRENT, "infoHash").getText());
        String feedSha256 = ((MediaEntryModule) item.getModule(MediaModule.URI)).getMediaContents()[0]
                .getMetadata().getHash().getValue();
        assertThat(feedSha256).isEqualTo(JsonPath.read(episode, "$.sha256"));

        Path file = Files.write(tmp.resolve("episode.torrent"), torrent.body());
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        Process aria2 = new ProcessBuilder(aria2c.toString(), "--dir=" + downloads, "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-tracker-connect-timeout=2", "--bt-tracker-timeout=2", "--summary-interval=0",
                "--console-log-level=warn", "--allow-overwrite=true", file.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("aria2.log").toFile()).start();
        assertThat(aria2.waitFor(120, TimeUnit.SECONDS)).as("aria2c finished").isTrue();
        assertThat(aria2.exitValue()).as(Files.readString(tmp.resolve("aria2.log"))).isZero();

        String fileName = RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.TORRENT, "fileName").getText()
                .replaceFirst("\\.torrent$", "");
        byte[] downloaded = Files.readAllBytes(downloads.resolve(fileName));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(downloaded))).isEqualTo(feedSha256);
    }

    private void show(String slug, String title) {
        new Studio(port).showJson("{\"slug\":\"" + slug + "\",\"title\":" + json(title)
                + ",\"author\":\"Studio\",\"language\":\"en\",\"category\":\"Arts\"}");
    }

    private int upload(String slug, String title, byte[] content) {
        return new Studio(port).upload(slug, title, content);
    }

    private String publish(String slug, String title, byte[] content) {
        return new Studio(port).publish(slug, title, content);
    }

    private HttpResponse<byte[]> bytes(String path, java.util.function.UnaryOperator<HttpRequest.Builder> headers) {
        HttpRequest.Builder request = anonymous.request(path);
        return anonymous.sendForBytes((headers == null ? request : headers.apply(request)).build());
    }

    private static String local(String url) {
        return Studio.local(url);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static List<String> titles(Channel channel) {
        return channel.getItems().stream().map(Item::getTitle).toList();
    }
}
