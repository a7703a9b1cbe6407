package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.PageClient;
import org.seedcast.support.Studio;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An episode's chapters and transcript end to end: set over the API and in the studio, served to
 * fans once published, named in the podcast feed, listed and captioned by the player.
 */
@IntegrationTest
class CompanionsIntegrationTests {

    private static final String SHOW = "companion-show";
    private static final String CHAPTERS = "{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":0,\"title\":\"Cold open\"},"
            + "{\"startTime\":125,\"title\":\"Interview & <questions>\"}]}";
    private static final String SRT = "1\n00:00:00,500 --> 00:00:02,000\nHello there\n";

    @LocalServerPort
    int port;

    private Studio studio;
    private Http fan;

    @BeforeEach
    void showExists() {
        studio = new Studio(port);
        fan = Http.at(port);
        studio.showOnce(SHOW, "{\"slug\":\"" + SHOW + "\",\"title\":\"Show " + SHOW + "\"}");
    }

    @Test
    void chaptersAndTranscriptSetOverTheApiReachFansFeedsAndThePlayer() {
        int id = studio.upload(SHOW, "With companions", Media.mp4(20_000, 601));
        String page = "/shows/" + SHOW + "/episodes/" + id;

        assertThat(put("/api/episodes/" + id + "/chapters", CHAPTERS, "application/json").statusCode()).isEqualTo(204);
        assertThat(put("/api/episodes/" + id + "/transcript", SRT, "application/x-subrip").statusCode()).isEqualTo(204);
        assertThat(fan.get(page + "/chapters.json").statusCode()).as("a draft's chapters are not public").isEqualTo(404);

        studio.admin().postJson("/api/episodes/" + id + "/publish", "");

        HttpResponse<String> chapters = fan.get(page + "/chapters.json");
        assertThat(chapters.statusCode()).isEqualTo(200);
        assertThat(chapters.headers().firstValue("Content-Type")).hasValue("application/json+chapters");
        assertThat(chapters.body()).isEqualTo(CHAPTERS);
        HttpResponse<String> transcript = fan.get(page + "/transcript.vtt");
        assertThat(transcript.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/vtt");
        assertThat(transcript.body()).isEqualTo("WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\nHello there\n");
        assertThat(fan.get("/shows/elsewhere/episodes/" + id + "/chapters.json").statusCode()).isEqualTo(404);

        String feed = fan.get("/shows/" + SHOW + "/feed.xml").body();
        String base = "http://localhost:" + port + page;
        assertThat(feed).contains("<podcast:chapters url=\"" + base + "/chapters.json\" type=\"application/json+chapters\">")
                .contains("<podcast:transcript url=\"" + base + "/transcript.vtt\" type=\"text/vtt\">");

        String episodePage = fan.get(page).body();
        assertThat(episodePage).contains("<track kind=\"captions\" src=\"" + page + "/transcript.vtt\" label=\"Transcript\">")
                .contains("data-seek=\"125.0\"").contains("2:05").contains("Interview &amp; &lt;questions&gt;");
        assertThat(fan.get("/embed/" + id).body()).contains("<track kind=\"captions\"");
    }

    @Test
    void badFilesAreRefusedWithTheReasonAndDeletingRemovesThem() {
        int id = JsonPath.read(studio.publish(SHOW, "Corrected", Media.mp4(20_000, 602)), "$.id");
        String page = "/shows/" + SHOW + "/episodes/" + id;

        HttpResponse<String> bad = put("/api/episodes/" + id + "/chapters", "{\"chapters\":[]}", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("a chapters file is an object with a \\\"version\\\"");
        assertThat(put("/api/episodes/" + id + "/transcript", "no timing here", "text/plain").statusCode()).isEqualTo(400);
        assertThat(put("/api/episodes/" + id + "/transcript", "x".repeat(1024 * 1024 + 1), "text/vtt").statusCode())
                .isEqualTo(413);

        assertThat(put("/api/episodes/" + id + "/chapters", CHAPTERS, "application/json").statusCode()).isEqualTo(204);
        assertThat(fan.get(page + "/chapters.json").statusCode()).isEqualTo(200);
        assertThat(studio.admin().send(studio.admin().request("/api/episodes/" + id + "/chapters").DELETE().build())
                .statusCode()).isEqualTo(204);
        assertThat(fan.get(page + "/chapters.json").statusCode()).isEqualTo(404);
        assertThat(fan.get("/shows/" + SHOW + "/feed.xml").body()).doesNotContain("/episodes/" + id + "/chapters.json");
    }

    @Test
    void aProducerSetsThemInTheStudioFromAFileOrTheText() {
        int id = JsonPath.read(studio.publish(SHOW, "From the studio", Media.mp4(20_000, 603)), "$.id");
        PageClient producer = PageClient.at(port);
        producer.signIn(Studio.ADMIN, Studio.ADMIN_PASSWORD);
        String editor = "/studio/episodes/" + id;

        HttpResponse<String> file = producer.postFile(editor + "/transcript", "file", "talk.srt",
                SRT.getBytes(StandardCharsets.UTF_8), editor);
        assertThat(file.statusCode()).isEqualTo(302);
        assertThat(producer.get(editor).body()).contains("Transcript saved.").contains("00:00:00.500 --&gt; 00:00:02.000");
        assertThat(fan.get("/shows/" + SHOW + "/episodes/" + id + "/transcript.vtt").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = producer.postFile(editor + "/chapters", "file", "chapters.json",
                "not json".getBytes(StandardCharsets.UTF_8), editor);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(producer.get(editor).body()).contains("Chapters not saved: this is not JSON");
        assertThat(producer.postForm(editor + "/chapters", Map.of("text", CHAPTERS), editor).statusCode()).isEqualTo(302);
        assertThat(producer.get(editor).body()).contains("Chapters saved.").contains("Interview &amp; &lt;questions&gt;");
        assertThat(fan.get("/shows/" + SHOW + "/episodes/" + id + "/chapters.json").body()).isEqualTo(CHAPTERS);
    }

    private HttpResponse<String> put(String path, String body, String type) {
        Http admin = studio.admin();
        return admin.send(admin.request(path).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
