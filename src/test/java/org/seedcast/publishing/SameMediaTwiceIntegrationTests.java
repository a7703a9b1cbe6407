package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same bytes under the same name make the same torrent, and an info-hash can belong to one
 * episode only: publishing it twice is a conflict that names the episode already holding it.
 */
@IntegrationTest
class SameMediaTwiceIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void publishingTheSameFileInASecondShowIsAConflictNamingTheFirstEpisode() {
        Studio studio = new Studio(port);
        Http admin = studio.admin();
        byte[] content = Media.mp4(600_000, 51);
        studio.show("same-media-a", "v1");
        studio.show("same-media-b", "v1");
        int first = upload(admin, "same-media-a", "The original", content);
        int second = upload(admin, "same-media-b", "The copy", content);
        assertThat(admin.postJson("/api/episodes/" + first + "/publish", "").statusCode()).isEqualTo(200);

        HttpResponse<String> conflict = admin.postJson("/api/episodes/" + second + "/publish", "");

        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(conflict.body(), "$.detail")).contains("The original").contains("Show same-media-a");
        assertThat(((Number) JsonPath.read(conflict.body(), "$.existingEpisodeId")).intValue()).isEqualTo(first);
        assertThat((String) JsonPath.read(admin.get("/api/episodes/" + second).body(), "$.status")).isEqualTo("DRAFT");
    }

    private static int upload(Http admin, String slug, String title, byte[] content) {
        HttpResponse<String> created = admin.postMultipart("/api/shows/" + slug + "/episodes", title, "same.mp4", content);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }
}
