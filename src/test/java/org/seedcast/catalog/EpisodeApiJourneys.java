package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.seeder.Seeder;
import org.seedcast.support.Media;
import org.seedcast.support.Stored;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's API flow with a real client: create a show, upload, publish, fetch ranges, delete, whichever the storage:
 * run on the filesystem ({@link EpisodeApiIntegrationTests}) and in a bucket ({@link EpisodeApiInBucketIntegrationTests}).
 */
abstract class EpisodeApiJourneys {

    @LocalServerPort
    int port;

    @Autowired
    Seeder seeder;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    Http admin;
    Http anonymous;

    @BeforeEach
    void clients() {
        anonymous = Http.at(port);
        admin = anonymous.as("admin", "admin-secret-1");
    }

    @Test
    void createsUploadsPublishesAndServesExactRanges() throws Exception {
        createShow("api-flow", "API & Flow");
        byte[] content = Media.mp4(5 * 1024 * 1024 + 123, 1);

        HttpResponse<String> created = admin.postMultipart("/api/shows/api-flow/episodes", "First <episode>", "My Episode.mp4", content);
        assertThat(created.statusCode()).isEqualTo(201);
        int id = JsonPath.read(created.body(), "$.id");
        assertThat((String) JsonPath.read(created.body(), "$.status")).isEqualTo("DRAFT");
        assertThat((String) JsonPath.read(created.body(), "$.sha256")).isEqualTo(sha256(content));
        assertThat((String) JsonPath.read(created.body(), "$.fileName")).isEqualTo("My-Episode.mp4");
        assertThat(anonymous.get("/media/" + id + "/My-Episode.mp4").statusCode()).as("drafts are not served").isEqualTo(404);

        HttpResponse<String> published = admin.postJson("/api/episodes/" + id + "/publish", "");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(published.body(), "$.status")).isEqualTo("PUBLISHED");
        String mediaUrl = JsonPath.read(published.body(), "$.mediaUrl");
        assertThat(mediaUrl).endsWith("/media/" + id + "/My-Episode.mp4");

        HttpResponse<byte[]> range = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=1048576-2097151").build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1048576-2097151/" + content.length);
        assertThat(range.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 1048576, 2097152));

        HttpResponse<byte[]> tail = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=-100").build());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));

        HttpResponse<byte[]> whole = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4").build());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> notModified = anonymous.send(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("If-None-Match", etag).build());
        assertThat(notModified.statusCode()).isEqualTo(304);

        HttpResponse<byte[]> sameVersion = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=100-199").header("If-Range", etag).build());
        assertThat(sameVersion.statusCode()).isEqualTo(206);
        assertThat(sameVersion.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
        HttpResponse<byte[]> otherVersion = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=100-199").header("If-Range", "\"another-version\"").build());
        assertThat(otherVersion.statusCode()).as("a stale If-Range gets the whole file").isEqualTo(200);
        assertThat(otherVersion.body()).isEqualTo(content);
        HttpResponse<byte[]> severalRanges = anonymous.sendForBytes(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=0-9,100-109").build());
        assertThat(severalRanges.statusCode()).as("several ranges: the whole file").isEqualTo(200);
        assertThat(severalRanges.body()).isEqualTo(content);

        HttpResponse<String> unsatisfiable = anonymous.send(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .header("Range", "bytes=" + content.length + "-").build());
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */" + content.length);

        HttpResponse<String> head = anonymous.send(anonymous.request("/media/" + id + "/My-Episode.mp4")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(head.body()).isEmpty();

        assertThat(anonymous.get("/media/" + id + "/other-name.mp4").statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAPublishedEpisodeTakesItOffTheWebSeedAndTheSeedAndKeepsNothingOfIt() {
        createShow("deleted-flow", "Deleted");
        HttpResponse<String> created = admin.postMultipart("/api/shows/deleted-flow/episodes", "Gone soon", "gone.mp4",
                Media.mp4(300_000, 3));
        int id = JsonPath.read(created.body(), "$.id");
        String mediaId = jdbc.queryForObject("select media_id::text from episodes where id = ?", String.class, id);
        String published = admin.postJson("/api/episodes/" + id + "/publish", "").body();
        InfoHash infoHash = InfoHash.fromHex(JsonPath.read(published, "$.infoHash"));
        assertThat(anonymous.get("/media/" + id + "/gone.mp4").statusCode()).isEqualTo(200);
        assertThat(seeder.serves(infoHash)).isTrue();

        assertThat(admin.postJson("/api/episodes/" + id + "/unpublish", "").statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = admin.send(admin.request("/api/episodes/" + id).DELETE().build());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(anonymous.get("/media/" + id + "/gone.mp4").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/torrents/" + infoHash.toHex() + ".torrent").statusCode()).isEqualTo(404);
        assertThat(seeder.serves(infoHash)).isFalse();
        assertThat(Stored.names(environment)).noneMatch(name -> name.contains(mediaId));
    }

    @Test
    void refusesWhatIsNotAudioOrVideoAndKeepsNothing() {
        createShow("rejects-text", "Rejects");
        byte[] text = "#!/bin/sh\necho this is not a video, whatever its name says\n".repeat(50).getBytes();

        HttpResponse<String> refused = admin.postMultipart("/api/shows/rejects-text/episodes", "Fake", "fake.mp4", text);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("audio and video");
        assertThat(JsonPath.<Integer>read(admin.get("/api/shows/rejects-text/episodes").body(), "$.length()")).isZero();
    }

    void createShow(String slug, String title) {
        HttpResponse<String> response = admin.postJson("/api/shows",
                "{\"slug\":\"" + slug + "\",\"title\":\"" + title + "\",\"description\":\"d\",\"torrentFormat\":\"v1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
