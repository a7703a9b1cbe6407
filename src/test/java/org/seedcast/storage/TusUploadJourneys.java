package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.Stored;
import org.seedcast.support.TusClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tus 1.0 core, creation and termination, spoken by a real HTTP client: journeys that hold whichever the storage, run
 * on the filesystem ({@link TusUploadIntegrationTests}) and in a bucket ({@link TusUploadInBucketIntegrationTests}).
 */
abstract class TusUploadJourneys {

    private static final String SHOW = "tus-show";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    Http admin;

    @BeforeEach
    void client() {
        admin = Http.at(port).as("admin", "admin-secret-1");
        admin.postJson("/api/shows", "{\"slug\":\"" + SHOW + "\",\"title\":\"Tus\"}");
    }

    @Test
    void advertisesTheProtocol() {
        HttpResponse<String> options = admin.send(admin.request("/api/uploads")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).hasValue("creation,termination");
        assertThat(options.headers().firstValueAsLong("Tus-Max-Size")).hasValue(64L * 1024 * 1024);
    }

    @Test
    void uploadsInChunksResumesAtTheServersOffsetAndCreatesADraft() throws Exception {
        byte[] content = Media.mp4(3 * 1024 * 1024 + 17, 7);
        String location = create(content.length, "Resumed episode.mp4", "Resumed");

        assertThat(patch(location, 0, Arrays.copyOfRange(content, 0, 1_000_000)).statusCode()).isEqualTo(204);
        HttpResponse<String> stale = patch(location, 0, Arrays.copyOfRange(content, 0, 10));
        assertThat(stale.statusCode()).as("a wrong offset is refused").isEqualTo(409);

        HttpResponse<String> head = head(location);
        assertThat(head.headers().firstValueAsLong("Upload-Offset")).hasValue(1_000_000L);
        assertThat(head.headers().firstValueAsLong("Upload-Length")).hasValue((long) content.length);
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> last = patch(location, 1_000_000, Arrays.copyOfRange(content, 1_000_000, content.length));
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(last.headers().firstValueAsLong("Upload-Offset")).hasValue((long) content.length);
        String episodeId = last.headers().firstValue("Seedcast-Episode-Id").orElseThrow();

        String episode = admin.get("/api/episodes/" + episodeId).body();
        assertThat((String) JsonPath.read(episode, "$.status")).isEqualTo("DRAFT");
        assertThat((String) JsonPath.read(episode, "$.title")).isEqualTo("Resumed");
        assertThat((String) JsonPath.read(episode, "$.sha256")).isEqualTo(sha256(content));
        assertThat(((Number) JsonPath.read(episode, "$.size")).longValue()).isEqualTo(content.length);
        assertThat((String) JsonPath.read(admin.get("/api/shows/tus-show/episodes").body(), "$[0].sha256"))
                .isEqualTo(sha256(content));
    }

    @Test
    void deletingATusUploadedEpisodeKeepsNothingBehind() {
        byte[] content = Media.mp4(300_000, 8);
        String location = create(content.length, "Deleted soon.mp4", "Deleted soon");
        HttpResponse<String> last = patch(location, 0, content);
        String episodeId = last.headers().firstValue("Seedcast-Episode-Id").orElseThrow();
        String mediaId = jdbc.queryForObject("select media_id::text from episodes where id = ?", String.class,
                Long.parseLong(episodeId));
        assertThat(Stored.names(environment)).anyMatch(name -> name.contains(mediaId + ".media"));

        HttpResponse<String> deleted = admin.send(admin.request("/api/episodes/" + episodeId).DELETE().build());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(admin.get("/api/episodes/" + episodeId).statusCode()).isEqualTo(404);
        assertThat(Stored.names(environment)).noneMatch(name -> name.contains(mediaId));
        assertThat(head(location).statusCode()).as("the finished upload went with its episode").isEqualTo(404);
    }

    @Test
    void refusesANonMediaFileByItsBytesAndRemovesTheUpload() {
        byte[] text = "<html><body>not a video at all</body></html>".repeat(40).getBytes(StandardCharsets.UTF_8);
        String location = create(text.length, "video.mp4", "Fake");

        HttpResponse<String> refused = patch(location, 0, text);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(head(location).statusCode()).as("the upload is gone").isEqualTo(404);
        assertThat(Stored.names(environment)).noneMatch(name -> name.contains(uploadId(location)));
    }

    @Test
    void refusesUploadsOverTheLimitAtCreation() {
        HttpResponse<String> response = admin.send(admin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(65L * 1024 * 1024))
                .header("Upload-Metadata", metadata("big.mp4", "Big"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void refusesMoreBytesThanDeclared() {
        byte[] content = Media.mp4(5000, 3);
        String location = create(4000, "short.mp4", "Short");

        HttpResponse<String> response = patch(location, 0, content);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(head(location).headers().firstValueAsLong("Upload-Offset")).hasValue(0L);
    }

    @Test
    void terminationDeletesWhatWasReceived() {
        byte[] content = Media.mp4(100_000, 4);
        String location = create(content.length, "cancel.mp4", "Cancel me");
        patch(location, 0, Arrays.copyOfRange(content, 0, 50_000));

        HttpResponse<String> deleted = admin.send(admin.request(location).header("Tus-Resumable", "1.0.0").DELETE().build());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(head(location).statusCode()).isEqualTo(404);
        assertThat(Stored.names(environment)).noneMatch(name -> name.contains(uploadId(location)));
    }

    @Test
    void requiresTheProtocolVersionAndTheOffsetContentType() {
        HttpResponse<String> noVersion = admin.send(admin.request("/api/uploads")
                .header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(noVersion.statusCode()).isEqualTo(412);

        String location = create(1000, "x.mp4", "X");
        HttpResponse<String> wrongType = admin.send(admin.request(location).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build());
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    @Test
    void needsAShowTheUploaderManages() {
        HttpResponse<String> unknown = admin.send(admin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", "100")
                .header("Upload-Metadata", "filename " + b64("a.mp4") + ",show " + b64("no-such-show"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> anonymous = Http.at(port).send(Http.at(port).request("/api/uploads")
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", "100")
                .header("Upload-Metadata", metadata("a.mp4", "A"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aProducerRemovedFromTheShowCannotFinishAnUploadStartedBefore() {
        String producer = "tus-producer-" + System.nanoTime();
        assertThat(admin.postJson("/api/users", "{\"username\":\"" + producer
                + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\",\"shows\":[\"tus-show\"]}")
                .statusCode()).isEqualTo(201);
        Http uploader = Http.at(port).as(producer, "producer-pass-1");
        byte[] content = Media.mp4(400_000, 10);
        String location = create(uploader, content.length, "Half done.mp4", "Half done");
        assertThat(patch(uploader, location, 0, Arrays.copyOfRange(content, 0, 100_000)).statusCode()).isEqualTo(204);

        jdbc.update("delete from show_producers where account_id = (select id from accounts where username = ?)",
                producer);

        HttpResponse<String> rest = patch(uploader, location, 100_000, Arrays.copyOfRange(content, 100_000, content.length));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(403);
        assertThat(rest.body()).contains("no longer manage");
        assertThat(rest.headers().firstValue("Seedcast-Episode-Id")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from episodes where title = 'Half done'", Integer.class))
                .as("no draft appears in a show the uploader no longer manages").isZero();
        assertThat(head(uploader, location).statusCode()).isEqualTo(403);
        assertThat(uploader.send(uploader.request(location).header("Tus-Resumable", "1.0.0").DELETE().build())
                .statusCode()).as("the uploader may still throw its own bytes away").isEqualTo(204);
    }

    String create(long length, String fileName, String title) {
        return create(admin, length, fileName, title);
    }

    private String create(Http admin, long length, String fileName, String title) {
        return new TusClient(admin, SHOW).create(length, fileName, title);
    }

    private HttpResponse<String> patch(String location, long offset, byte[] bytes) {
        return patch(admin, location, offset, bytes);
    }

    private static HttpResponse<String> patch(Http admin, String location, long offset, byte[] bytes) {
        return new TusClient(admin, SHOW).patch(location, offset, bytes);
    }

    HttpResponse<String> head(String location) {
        return head(admin, location);
    }

    private static HttpResponse<String> head(Http admin, String location) {
        return new TusClient(admin, SHOW).head(location);
    }

    private static String metadata(String fileName, String title) {
        return "filename " + b64(fileName) + ",show " + b64(SHOW) + ",title " + b64(title);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String uploadId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
