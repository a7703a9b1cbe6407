package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.scheduling.ClusterLock;
import org.seedcast.seeder.Seeder;
import org.seedcast.torrent.PieceHasher;
import org.seedcast.torrent.PieceLength;
import org.seedcast.torrent.TestIdentities;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.TorrentFormat;
import org.seedcast.torrent.TorrentSpec;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.S3IntegrationTest;
import org.seedcast.support.S3Proxy;
import org.seedcast.support.Studio;
import org.seedcast.support.TusClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole application with {@code SEEDCAST_STORAGE=s3} against a real S3-compatible server (S3Proxy):
 * an episode uploaded (multipart or tus) lands in the bucket and nowhere on this node's disk, its web seed
 * answers ranges from the bucket, the seed serves every piece and block hash from it to libtorrent, and
 * deleting the episode deletes its objects; a resumable upload started on another node continues on
 * this one. The journeys that hold whichever the storage run on both (the {@code *InBucket*} classes).
 */
@S3IntegrationTest
class S3StorageIntegrationTests {

    private static final String DATA_DIR = S3IntegrationTest.DATA_DIR;
    private static final String SEGMENT_SIZE = S3IntegrationTest.SEGMENT_SIZE;
    private static final String BUCKET = S3IntegrationTest.BUCKET;

    @LocalServerPort
    int port;

    @Autowired
    Seeder seeder;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    @Test
    void aHybridEpisodeGoesFromUploadToWebSeedToSeedToDeletionInTheBucket() throws Exception {
        Studio studio = new Studio(port);
        studio.show("in-bucket", "hybrid");
        byte[] content = Media.mp4(900_000 + 123, 181);

        List<String> before = S3Proxy.keys(BUCKET); // the other tests' episodes share the bucket
        String episode = studio.publish("in-bucket", "In the bucket", content);

        List<String> keys = S3Proxy.keys(BUCKET);
        String mediaKey = keys.stream().filter(key -> key.endsWith(".media") && !before.contains(key)).findFirst()
                .orElseThrow();
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

    @Test
    void withoutFfprobeAnUploadIsPublishedAsBeforeAndNoFactsArePromised() {
        Studio studio = new Studio(port);
        studio.show("no-ffprobe", "v1");

        String episode = studio.publish("no-ffprobe", "Without facts", Media.mp4(300_000, 183));

        long id = ((Number) JsonPath.read(episode, "$.id")).longValue();
        assertThat(JsonPath.<String>read(episode, "$.status")).isEqualTo("PUBLISHED");
        assertThat(JsonPath.<String>read(episode, "$.facts.state")).isEqualTo("none");
        assertThat(JsonPath.<Object>read(episode, "$.facts.durationSeconds")).isNull();
        assertThat(studio.admin().get("/studio/episodes/" + id).body()).contains("Without facts")
                .doesNotContain("facts-pending").doesNotContain("media-facts");
        assertThat(Http.at(port).get("/shows/no-ffprobe/episodes/" + id).body()).contains("<video id=\"player\"")
                .doesNotContain("poster=");
    }

    @Test
    void aResumableUploadStartedOnANodeThatStopsContinuesOnAnotherWithTheSameTorrent(
            @Autowired JdbcConnectionDetails database) throws Exception {
        Studio studio = new Studio(port);
        studio.show("across-nodes", "hybrid");
        byte[] content = Media.mp4(5 * 1024 * 1024 + 400_321, 183);
        int crossing = 5 * 1024 * 1024 + 100_000;
        String location;
        Path nodeADataDir = Path.of(DATA_DIR + "-node-a");
        TestIdentities.copy(Path.of(DATA_DIR, "publisher"), nodeADataDir.resolve("publisher")); // one publisher key
        try (RunningSeedcast nodeA = RunningSeedcast.start(RunningSeedcast.settings(database.getJdbcUrl(),
                database.getUsername(), database.getPassword(), nodeADataDir,
                Stream.concat(S3Proxy.settings(BUCKET).stream(), Stream.of("seedcast.uploads.segment-size=" + SEGMENT_SIZE,
                        "seedcast.tracker.enabled=false", "seedcast.seeder.enabled=false",
                        "seedcast.schedule-interval=1h")).toArray(String[]::new)))) {
            Http onA = Http.at(nodeA.port()).as(Studio.ADMIN, Studio.ADMIN_PASSWORD);
            TusClient tusA = new TusClient(onA, "across-nodes");
            location = tusA.create(content.length, "across.mp4", "Across nodes");
            assertThat(tusA.patch(location, 0, Arrays.copyOfRange(content, 0, 150_000)).statusCode()).isEqualTo(204);

            // a client that sends 100,000 of the 200,000 bytes it announced and goes away: what arrived is kept
            interruptedPatch(nodeA.port(), location, 150_000, Arrays.copyOfRange(content, 150_000, 250_000), 200_000);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> tusA.offset(location), offset -> offset == 250_000);
        }

        Http onB = Http.at(port).as(Studio.ADMIN, Studio.ADMIN_PASSWORD);
        TusClient tusB = new TusClient(onB, "across-nodes");
        assertThat(tusB.offset(location)).as("B reports what A stored").isEqualTo(250_000);
        assertThat(tusB.patch(location, 0, Arrays.copyOfRange(content, 0, 10)).statusCode()).as("a stale offset")
                .isEqualTo(409);
        assertThat(tusB.patch(location, 250_000, Arrays.copyOfRange(content, 250_000, crossing)).statusCode())
                .as("into the second segment").isEqualTo(204);
        HttpResponse<String> last = tusB.patch(location, crossing, Arrays.copyOfRange(content, crossing, content.length));
        assertThat(last.statusCode()).isEqualTo(204);
        String episodeId = last.headers().firstValue("Seedcast-Episode-Id").orElseThrow();

        HttpResponse<String> published = onB.postJson("/api/episodes/" + episodeId + "/publish", "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        byte[] served = onB.sendForBytes(onB.request(Studio.local(JsonPath.read(published.body(), "$.torrentUrl")))
                .build()).body();
        Torrent torrent = Torrent.parse(served);
        PieceHasher hasher = PieceHasher.start(content.length, PieceLength.forFileLength(content.length),
                TorrentFormat.HYBRID);
        hasher.update(content, 0, content.length);
        Torrent expected = Torrent.create(new TorrentSpec(torrent.name(), List.of(), List.of(), null, null, null),
                hasher.finish());
        assertThat(torrent.infoHash()).isEqualTo(expected.infoHash());
        assertThat(torrent.infoHashV2()).isEqualTo(expected.infoHashV2());

        String upload = location.substring(location.lastIndexOf('/') + 1);
        assertThat(S3Proxy.keys(BUCKET)).as("its segments are gone").noneMatch(key -> key.contains(upload));
        assertThat(jdbc.queryForObject("select count(*) from upload_segments where upload_id = ?::uuid", Integer.class,
                upload)).isZero();
    }

    /**
     * Two nodes appending to one upload from the same offset: the one that commits second keeps
     * nothing and hears 409.
     */
    @Test
    void aSegmentAppendedFromAnOffsetThatMovedMeanwhileIsRefusedAndNotKept(@Autowired UploadSegments segments,
                                                                          @Autowired UploadRepository uploads) {
        Studio studio = new Studio(port);
        studio.show("racing-appends", "v1");
        byte[] content = Media.mp4(100_000, 184);
        Http admin = studio.admin();
        TusClient tus = new TusClient(admin, "racing-appends");
        String location = tus.create(content.length, "race.mp4", "Racing appends");
        assertThat(tus.patch(location, 0, Arrays.copyOfRange(content, 0, 30_000)).statusCode()).isEqualTo(204);
        Upload upload = uploads.findById(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
                .orElseThrow();

        assertThat(tus.patch(location, 30_000, Arrays.copyOfRange(content, 30_000, 60_000)).statusCode())
                .isEqualTo(204);
        List<String> before = S3Proxy.keys(BUCKET);
        assertThatThrownBy(() -> segments.append(upload, 30_000,
                new ByteArrayInputStream(Arrays.copyOfRange(content, 30_000, 50_000)), (bytes, offset, length) -> { }))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(409));

        assertThat(tus.offset(location)).isEqualTo(60_000);
        assertThat(S3Proxy.keys(BUCKET)).isEqualTo(before);
    }

    @Test
    void aSegmentNoUploadNamesIsSweptOnceOlderThanTheUploadExpiryListingTheSegmentsFolderOnly(
            @Autowired MediaObjects objects, @Autowired PlatformTransactionManager transactions,
            @Autowired ClusterLock cluster) throws Exception {
        Studio studio = new Studio(port);
        studio.show("orphaned-segments", "v1");
        byte[] content = Media.mp4(100_000, 185);
        Http admin = studio.admin();
        TusClient tus = new TusClient(admin, "orphaned-segments");
        String location = tus.create(content.length, "kept.mp4", "Kept");
        assertThat(tus.patch(location, 0, Arrays.copyOfRange(content, 0, 30_000)).statusCode()).isEqualTo(204);
        List<String> kept = S3Proxy.keys(BUCKET).stream().filter(key -> key.endsWith(".segment")).toList();
        assertThat(kept).isNotEmpty().allMatch(key -> key.startsWith("media/uploads/"));
        String orphan = putSegment("media/uploads/");
        String fromBeforeTheFolder = putSegment("media/");
        // a sweep as a node runs it after its start, over the application's bucket and database
        UploadSegments segments = new UploadSegments(objects, jdbc, new TransactionTemplate(transactions), cluster,
                work, DataSize.parse(SEGMENT_SIZE).toBytes(), Clock.systemUTC());

        segments.sweepOrphans(Instant.now().minus(Duration.ofDays(7)));
        assertThat(S3Proxy.keys(BUCKET)).as("younger than the expiry: maybe a row is about to name it")
                .contains(orphan, fromBeforeTheFolder);

        segments.sweepOrphans(Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(S3Proxy.keys(BUCKET)).doesNotContain(orphan, fromBeforeTheFolder).containsAll(kept);
        String outside = putSegment("media/");
        segments.sweepOrphans(Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(S3Proxy.keys(BUCKET)).as("none was left outside the folder: only the folder is listed")
                .contains(outside);
        S3Proxy.client().deleteObject(r -> r.bucket(BUCKET).key(outside));
        assertThat(tus.offset(location)).isEqualTo(30_000);
        assertThat(tus.patch(location, 30_000, Arrays.copyOfRange(content, 30_000, content.length))
                .headers().firstValue("Seedcast-Episode-Id")).isPresent();
    }

    /** A segment no upload names, stored under {@code prefix}. */
    private static String putSegment(String prefix) {
        String key = prefix + UUID.randomUUID() + ".0." + UUID.randomUUID() + ".segment";
        S3Proxy.client().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[] {1, 2, 3}));
        return key;
    }

    /** A PATCH that announces {@code announced} bytes, sends {@code bytes} and closes the connection. */
    private static void interruptedPatch(int port, String location, long offset, byte[] bytes, int announced)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Basic " + b64(Studio.ADMIN + ":" + Studio.ADMIN_PASSWORD) + "\r\n"
                    + "Tus-Resumable: 1.0.0\r\nUpload-Offset: " + offset + "\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + announced + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
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
