package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.TorrentVerifier;
import org.seedcast.torrent.Verdict;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Publishing an episode gives it a signed torrent, a magnet link and a web seed that real clients use, whichever the
 * storage: run on the filesystem ({@link PublishingIntegrationTests}) and in a bucket
 * ({@link PublishingInBucketIntegrationTests}).
 */
abstract class PublishingJourneys {

    @org.springframework.beans.factory.annotation.Value("${seedcast.seeder.port}")
    int seedPort;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Value("${seedcast.tracker.port}")
    int trackerPort;

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
    void aPublishedV1EpisodeHasASignedTorrentWithWebSeedAndTrackers() throws Exception {
        String episode = publish("pub-v1", "v1", Media.mp4(3 * 1024 * 1024 + 11, 21));
        String infoHash = JsonPath.read(episode, "$.infoHash");
        assertThat(infoHash).matches("[0-9a-f]{40}");
        assertThat((Object) JsonPath.read(episode, "$.infoHashV2")).isNull();
        String magnet = JsonPath.read(episode, "$.magnet");
        assertThat(magnet).startsWith("magnet:?xt=urn:btih:" + infoHash).contains("&ws=").contains("&tr=").contains("&xl=");

        byte[] bytes = torrentBytes(JsonPath.read(episode, "$.torrentUrl"));
        Torrent torrent = Torrent.parse(bytes);
        assertThat(torrent.infoHash().toHex()).isEqualTo(infoHash);
        assertThat(torrent.webSeeds()).singleElement().asString().endsWith(JsonPath.read(episode, "$.mediaUrl").toString()
                .replaceFirst("^http://localhost:8080", ""));
        assertThat(torrent.trackers()).extracting(Object::toString)
                .anySatisfy(url -> assertThat(url).startsWith("http://").endsWith("/announce"))
                .anySatisfy(url -> assertThat(url).startsWith("udp://"));
        assertThat(TorrentVerifier.verify(bytes, publisherCertificate()).verdict()).isEqualTo(Verdict.GENUINE);
    }

    @Test
    void aHybridEpisodeCarriesBothHashes() throws Exception {
        String episode = publish("pub-hybrid", "hybrid", Media.mp4(2 * 1024 * 1024 + 5, 22));
        String v2 = JsonPath.read(episode, "$.infoHashV2");
        assertThat(v2).matches("[0-9a-f]{64}");
        assertThat((String) JsonPath.read(episode, "$.magnet")).contains("xt=urn:btmh:1220" + v2);
        Torrent torrent = Torrent.parse(torrentBytes(JsonPath.read(episode, "$.torrentUrl")));
        assertThat(torrent.infoHashV2()).hasValueSatisfying(h -> assertThat(h.toHex()).isEqualTo(v2));
        assertThat(anonymous.get("/torrents/" + v2 + ".torrent").statusCode()).isEqualTo(200);
    }

    @Test
    void editingAnEpisodeNeverChangesItsInfoHash() {
        String episode = publish("pub-edit", "v1", Media.mp4(1024 * 1024, 23));
        int id = JsonPath.read(episode, "$.id");
        String before = JsonPath.read(episode, "$.infoHash");

        admin.putJson("/api/episodes/" + id, "{\"title\":\"A new title\",\"description\":\"New notes\",\"season\":2}");
        admin.postJson("/api/episodes/" + id + "/unpublish", "");
        assertThat(anonymous.get("/torrents/" + before + ".torrent").statusCode()).as("withdrawn").isEqualTo(404);
        String again = admin.postJson("/api/episodes/" + id + "/publish", "").body();

        assertThat((String) JsonPath.read(again, "$.title")).isEqualTo("A new title");
        assertThat((String) JsonPath.read(again, "$.infoHash")).isEqualTo(before);
    }

    @Test
    void aria2DownloadsTheEpisodeFromTheWebSeedAlone() throws Exception {
        Path aria2c = RequiredTools.require("aria2c");
        byte[] content = Media.mp4(4 * 1024 * 1024 + 77, 25);
        String episode = publish("pub-aria2", "v1", content);
        Path file = tmp.resolve("episode.torrent");
        Files.write(file, torrentBytes(JsonPath.read(episode, "$.torrentUrl")));
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));

        Process aria2 = new ProcessBuilder(aria2c.toString(), "--dir=" + downloads, "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-tracker-connect-timeout=2", "--bt-tracker-timeout=2", "--summary-interval=0",
                "--console-log-level=warn", "--allow-overwrite=true", file.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("aria2.log").toFile()).start();
        assertThat(aria2.waitFor(120, TimeUnit.SECONDS)).as("aria2c finished").isTrue();
        assertThat(aria2.exitValue()).as(Files.readString(tmp.resolve("aria2.log"))).isZero();

        Path downloaded = downloads.resolve((String) JsonPath.read(episode, "$.fileName"));
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(content);
    }

    String publish(String slug, String format, byte[] content) {
        Studio studio = new Studio(port);
        studio.show(slug, format);
        return studio.publish(slug, "Episode of " + slug, content);
    }

    byte[] torrentBytes(String url) {
        HttpResponse<byte[]> response = anonymous.sendForBytes(anonymous.request(Studio.local(url)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-bittorrent");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(".torrent"));
        return response.body();
    }

    X509Certificate publisherCertificate() throws Exception {
        String pem = anonymous.get("/.well-known/seedcast/publisher.pem").body();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
