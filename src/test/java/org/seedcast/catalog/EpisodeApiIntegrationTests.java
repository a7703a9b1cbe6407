package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.FirstInItsLane;
import org.seedcast.support.PageClient;
import org.springframework.beans.factory.annotation.Autowired;

/** The API flow with media on this node's disk, and the API's answers that do not depend on the storage at all. */
@IntegrationTest
@FirstInItsLane
class EpisodeApiIntegrationTests extends EpisodeApiJourneys {

    @Autowired
    CatalogMedia catalogMedia;

    /**
     * The web seed answers published media before the per-address limits (fans' clients ask for many
     * ranges), but media that is not in memory is counted like a page: one address asking for ids that
     * do not exist gets 429 beyond its budget before the database is asked, and cannot push the real
     * media out of memory, so fans (that address included) are still served.
     */
    @Test
    void aFloodOfUnknownMediaIdsIsHeldToItsAddressBudgetBeforeAnyDatabaseLookUp() {
        createShow("media-flood", "Flood");
        HttpResponse<String> created = admin.postMultipart("/api/shows/media-flood/episodes", "Real", "real.mp4", Media.mp4(4096, 3));
        int id = JsonPath.read(created.body(), "$.id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)) // no change after the publish
                .until(() -> JsonPath.read(admin.get("/api/episodes/" + id).body(), "$.facts.state"), state -> !"pending".equals(state));
        assertThat(admin.postJson("/api/episodes/" + id + "/publish", "").statusCode()).isEqualTo(200);
        String real = "/media/" + id + "/real.mp4";
        PageClient flooder = PageClient.from(port, "127.0.0.71");
        PageClient fan = PageClient.from(port, "127.0.0.72");
        assertThat(fan.get(real, "Range", "bytes=0-99").statusCode()).isEqualTo(206);

        long before = catalogMedia.lookups();
        int missed = 0;
        int refused = 0;
        for (long unknown = 900_000_000L; refused < 20 && unknown < 900_010_000L; unknown++) {
            int status = flooder.get("/media/" + unknown + "/x.mp4").statusCode();
            missed += status == 404 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }

        assertThat(refused).as("refused beyond the burst").isEqualTo(20);
        assertThat(catalogMedia.lookups() - before).as("a database look-up only for an answer the budget paid for")
                .isEqualTo(missed);
        assertThat(fan.get(real, "Range", "bytes=100-199").statusCode()).isEqualTo(206);
        assertThat(flooder.get(real, "Range", "bytes=0-99").statusCode()).as("published media is not held to the budget")
                .isEqualTo(206);
        assertThat(fan.get("/media/900000000/x.mp4").statusCode()).isEqualTo(404);
        assertThat(catalogMedia.lookups() - before).as("a miss is remembered").isEqualTo(missed);
    }

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
