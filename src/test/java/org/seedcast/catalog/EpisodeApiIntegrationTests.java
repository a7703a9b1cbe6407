package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.FirstInItsLane;

/** The API flow with media on this node's disk, and the API's answers that do not depend on the storage at all. */
@IntegrationTest
@FirstInItsLane
class EpisodeApiIntegrationTests extends EpisodeApiJourneys {

    @Test
    void listsDraftsOnlyForThoseWhoManageTheShow() {
        createShow("drafts-visible", "Drafts");
        HttpResponse<String> created = admin.postMultipart("/api/shows/drafts-visible/episodes", "Draft", "d.mp4", Media.mp4(4096, 2));
        int id = JsonPath.read(created.body(), "$.id");

        assertThat(JsonPath.<Integer>read(admin.get("/api/shows/drafts-visible/episodes").body(), "$.length()")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(anonymous.get("/api/shows/drafts-visible/episodes").body(), "$.length()")).isZero();
        assertThat(anonymous.get("/api/episodes/" + id).statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/shows/drafts-visible/episodes/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void answersErrorsAsProblemDetailsWithoutStackTraces() {
        HttpResponse<String> unauthenticated = anonymous.postJson("/api/shows", "{\"slug\":\"x\",\"title\":\"X\"}");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        HttpResponse<String> badSlug = admin.postJson("/api/shows", "{\"slug\":\"Not A Slug!\",\"title\":\"X\"}");
        assertThat(badSlug.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(badSlug.body(), "$.errors.slug")).contains("lower-case");

        HttpResponse<String> badFormat = admin.postJson("/api/shows", "{\"slug\":\"fmt\",\"title\":\"X\",\"torrentFormat\":\"v3\"}");
        assertThat(badFormat.statusCode()).isEqualTo(400);

        HttpResponse<String> malformed = admin.postJson("/api/shows", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at org.");

        assertThat(anonymous.get("/api/shows/no-such-show").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/api/episodes/not-a-number").statusCode()).isEqualTo(400);
    }

    @Test
    void keepsSlugsUnique() {
        createShow("unique-slug", "One");
        HttpResponse<String> again = admin.postJson("/api/shows", "{\"slug\":\"unique-slug\",\"title\":\"Two\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(again.body(), "$.errors.slug")).contains("taken");
    }
}
