package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.seeder.Seeder;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.PasswordChecks;
import org.seedcast.support.PostgresTestConfiguration;
import org.seedcast.support.S3Proxy;
import org.seedcast.support.Studio;
import org.seedcast.support.TestClock;
import org.seedcast.support.TestRunSetup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with {@code SEEDCAST_STORAGE=s3} against a real S3-compatible server (S3Proxy):
 * an episode uploaded (multipart or tus) lands in the bucket and nowhere on this node's disk, its web seed
 * answers ranges from the bucket, the seed serves every piece and block hash from it to libtorrent, and
 * deleting the episode deletes its objects. The same journeys on the filesystem are the other
 * integration tests'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "seedcast.data-dir=" + S3StorageIntegrationTests.DATA_DIR,
        "seedcast.admin.username=admin",
        "seedcast.admin.password=admin-secret-1",
        "seedcast.uploads.max-size=64MB",
        "seedcast.web-limits.exempt=127.0.0.1,::1",
        "seedcast.seeder.bind-address=127.0.0.1",
        "seedcast.seeder.threads=1",
        "logging.level.org.testcontainers=OFF",
})
@Import({PostgresTestConfiguration.class, PasswordChecks.class, TestClock.class})
class S3StorageIntegrationTests {

    static final String DATA_DIR = "target/test-data/it-s3";
    private static final String BUCKET = "seedcast-it";

    @DynamicPropertySource
    static void bucket(DynamicPropertyRegistry registry) {
        S3Proxy.bucket(BUCKET);
        // known before the start, as the shared context's (TestRunSetup): the seed's port is written into magnets
        registry.add("seedcast.tracker.port", TestRunSetup::freePort);
        registry.add("seedcast.seeder.port", TestRunSetup::freePort);
        for (String setting : S3Proxy.settings(BUCKET)) {
            String[] pair = setting.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Seeder seeder;

    @TempDir
    Path work;

    @Test
    void aHybridEpisodeGoesFromUploadToWebSeedToSeedToDeletionInTheBucket() throws Exception {
        Studio studio = new Studio(port);
        studio.show("in-bucket", "hybrid");
        byte[] content = Media.mp4(900_000 + 123, 181);

        String episode = studio.publish("in-bucket", "In the bucket", content);

        List<String> keys = S3Proxy.keys(BUCKET);
        String mediaKey = keys.stream().filter(key -> key.endsWith(".media")).findFirst().orElseThrow();
        String mediaId = mediaKey.substring("media/".length(), mediaKey.length() - ".media".length());
        assertThat(keys).contains("media/" + mediaId + ".hashes", "media/" + mediaId + ".leaves");
        assertThat(Path.of(DATA_DIR, "media")).as("nothing of it on this node's disk").doesNotExist();

        String mediaUrl = Studio.local(JsonPath.read(episode, "$.mediaUrl"));
        HttpResponse<byte[]> range = Http.at(port).sendForBytes(Http.at(port).request(mediaUrl)
                .header("Range", "bytes=100000-299999").header("User-Agent", "libtorrent/2.0.8.0").build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100000-299999/" + content.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 100_000, 300_000));
        HttpResponse<byte[]> whole = Http.at(port).sendForBytes(Http.at(port).request(mediaUrl).build());
        assertThat(whole.body()).isEqualTo(content);

        fetchFromTheSeedAlone(JsonPath.read(episode, "$.magnet"), content);

        long id = ((Number) JsonPath.read(episode, "$.id")).longValue();
        assertThat(studio.admin().postJson("/api/episodes/" + id + "/unpublish", "").statusCode()).isEqualTo(200);
        assertThat(studio.admin().send(studio.admin().request("/api/episodes/" + id).DELETE().build()).statusCode())
                .isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(S3Proxy.keys(BUCKET)).noneMatch(key -> key.contains(mediaId)));
    }

    @Test
    void aResumableUploadLandsInTheBucketAndLeavesNoPartBehind() throws Exception {
        Studio studio = new Studio(port);
        studio.show("tus-bucket", "v1");
        byte[] content = Media.mp4(600_000, 182);
        Http admin = studio.admin();
        HttpResponse<String> created = admin.send(admin.request("/api/uploads").header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(content.length))
                .header("Upload-Metadata", "filename " + b64("resumed.mp4") + ",show " + b64("tus-bucket"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> last = admin.send(admin.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content)).build());

        assertThat(last.statusCode()).isEqualTo(204);
        String episodeId = last.headers().firstValue("Seedcast-Episode-Id").orElseThrow();
        String sha256 = JsonPath.read(admin.get("/api/episodes/" + episodeId).body(), "$.sha256");
        assertThat(sha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(S3Proxy.keys(BUCKET)).filteredOn(key -> key.endsWith(".media")).isNotEmpty();
        assertThat(Path.of(DATA_DIR, "uploads", location.substring(location.lastIndexOf('/') + 1) + ".part"))
                .doesNotExist();
    }

    /** libtorrent, given only the magnet (no tracker, no web seed) and our seed's address, gets every piece. */
    private void fetchFromTheSeedAlone(String magnet, byte[] content) throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path script = work.resolve("libtorrent_fetch.py");
        try (InputStream in = Seeder.class.getResourceAsStream("libtorrent_fetch.py")) {
            Files.copy(in, script);
        }
        Path downloads = Files.createDirectories(work.resolve("downloads"));

        String report = RequiredTools.run(List.of(python.toString(), script.toString(),
                magnet.replaceAll("&(tr|ws|x\\.pe)=[^&]*", ""), "127.0.0.1", Integer.toString(seeder.port()),
                downloads.toString(), "60"));

        assertThat(report).contains("\"completed\": true");
        assertThat(Files.readAllBytes(downloads.resolve((String) JsonPath.read(report, "$.name")))).isEqualTo(content);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
