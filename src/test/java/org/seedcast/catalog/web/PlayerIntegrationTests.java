package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The player on the episode page, the embeddable player and its oEmbed answer, over HTTP: which
 * element plays which format, who may frame what, and that another site gets a working iframe.
 */
@IntegrationTest
class PlayerIntegrationTests {

    private static final String SHOW = "player-show";

    @LocalServerPort
    int port;

    private Studio studio;
    private Http fan;

    @BeforeEach
    void showExists() {
        studio = new Studio(port);
        fan = Http.at(port);
        studio.showOnce(SHOW, "{\"slug\":\"" + SHOW + "\",\"title\":\"Player <Show>\"}");
    }

    @Test
    void aVideoEpisodePagePlaysItFromTheWebSeedAndOffersItsEmbed() {
        String episode = studio.publish(SHOW, "Video & friends", Media.mp4(40_000, 501));
        int id = JsonPath.read(episode, "$.id");
        String mediaUrl = JsonPath.read(episode, "$.mediaUrl");

        HttpResponse<String> page = fan.get("/shows/" + SHOW + "/episodes/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<video id=\"player\" controls preload=\"metadata\"")
                .contains("<source src=\"" + Studio.local(mediaUrl) + "\" type=\"video/mp4\">")
                .contains("Play Video &amp; friends")
                .doesNotContain("<audio");
        String pageUrl = "http://localhost:" + port + "/shows/" + SHOW + "/episodes/" + id;
        assertThat(page.body()).contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"http://localhost:"
                + port + "/oembed?format=json&amp;url=" + URLEncoder.encode(pageUrl, StandardCharsets.UTF_8) + "\"");
        assertThat(page.body()).contains("&lt;iframe src=&quot;http://localhost:" + port + "/embed/" + id + "&quot;");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    }

    @Test
    void theEmbedIsAPlayerAnySiteMayFrameAndItKeepsNoSession() {
        int id = JsonPath.read(studio.publish(SHOW, "Framed", Media.mp4(30_000, 502)), "$.id");

        HttpResponse<String> embed = fan.get("/embed/" + id);

        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.body()).contains("<video id=\"player\"").contains("/media/" + id + "/")
                .contains("href=\"http://localhost:" + port + "/shows/" + SHOW + "/episodes/" + id + "\" target=\"_blank\"")
                .doesNotContain("site-header");
        assertThat(embed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(embed.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors *").contains("script-src 'self'").doesNotContain("'none'; frame");
        assertThat(embed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(fan.send(fan.request("/embed/" + id).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isIn(403, 405);
    }

    @Test
    void oEmbedAnswersForTheEpisodePageAndTheEmbedUrlSizedToTheConsumersLimits() {
        int id = JsonPath.read(studio.publish(SHOW, "Asked by <oEmbed>", Media.mp4(30_000, 503)), "$.id");
        String pageUrl = "http://localhost:" + port + "/shows/" + SHOW + "/episodes/" + id;

        HttpResponse<String> answer = fan.get("/oembed?url=" + URLEncoder.encode(pageUrl, StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        String json = answer.body();
        assertThat((String) JsonPath.read(json, "$.version")).isEqualTo("1.0");
        assertThat((String) JsonPath.read(json, "$.type")).isEqualTo("video");
        assertThat((String) JsonPath.read(json, "$.title")).isEqualTo("Asked by <oEmbed>");
        assertThat((String) JsonPath.read(json, "$.author_name")).isEqualTo("Player <Show>");
        assertThat((String) JsonPath.read(json, "$.author_url")).isEqualTo("http://localhost:" + port + "/shows/" + SHOW);
        assertThat((String) JsonPath.read(json, "$.provider_name")).isEqualTo("Seedcast");
        assertThat((int) JsonPath.read(json, "$.width")).isEqualTo(640);
        assertThat((int) JsonPath.read(json, "$.height")).isEqualTo(360);
        assertThat((String) JsonPath.read(json, "$.html")).isEqualTo("<iframe src=\"http://localhost:" + port + "/embed/" + id
                + "\" width=\"640\" height=\"360\" title=\"Asked by &lt;oEmbed&gt;\" style=\"border:0\" allow=\"fullscreen\""
                + " allowfullscreen loading=\"lazy\"></iframe>");

        String small = fan.get("/oembed?maxwidth=320&maxheight=500&url=http://localhost:" + port + "/embed/" + id).body();
        assertThat((int) JsonPath.read(small, "$.width")).isEqualTo(320);
        assertThat((int) JsonPath.read(small, "$.height")).isEqualTo(180);
        assertThat(fan.get("/oembed?format=xml&url=" + URLEncoder.encode(pageUrl, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(501);
    }

    @Test
    void oEmbedKnowsOnlyThisSitesPublishedEpisodes() {
        int draft = studio.upload(SHOW, "Not yet", Media.mp4(20_000, 504));
        int published = JsonPath.read(studio.publish(SHOW, "Out", Media.mp4(20_000, 505)), "$.id");

        assertThat(fan.get("/oembed?url=http://localhost:" + port + "/embed/" + draft).statusCode()).isEqualTo(404);
        assertThat(fan.get("/embed/" + draft).statusCode()).isEqualTo(404);
        assertThat(fan.get("/oembed?url=http://elsewhere.example/embed/" + published).statusCode()).isEqualTo(404);
        assertThat(fan.get("/oembed?url=http://localhost:" + port + "/shows/" + SHOW).statusCode()).isEqualTo(404);
        assertThat(fan.get("/oembed?url=%3Anot%20a%20url").statusCode()).isEqualTo(404);
        assertThat(fan.get("/oembed").statusCode()).isEqualTo(400);
    }

    /** Media of another kind: an MP4's bytes behind another format's magic number. */
    private static byte[] withHead(String magicHex, long seed) {
        byte[] magic = HexFormat.of().parseHex(magicHex);
        byte[] content = Media.mp4(20_000, seed);
        java.util.Arrays.fill(content, 0, 12, (byte) 0);
        System.arraycopy(magic, 0, content, 0, magic.length);
        return content;
    }

    @Test
    void audioPlaysInAnAudioElementAndAFormatBrowsersCannotPlaySaysSo() {
        int audio = JsonPath.read(studio.publish(SHOW, "Radio", withHead("494433", 506)), "$.id"); // "ID3"
        int matroska = JsonPath.read(studio.publish(SHOW, "Matroska", withHead("1a45dfa3", 507)), "$.id"); // EBML

        String audioPage = fan.get("/shows/" + SHOW + "/episodes/" + audio).body();
        assertThat(audioPage).contains("<audio id=\"player\" controls").contains("type=\"audio/mpeg\"").doesNotContain("<video");
        String oembed = fan.get("/oembed?url=http://localhost:" + port + "/embed/" + audio).body();
        assertThat((String) JsonPath.read(oembed, "$.type")).isEqualTo("rich");
        assertThat((int) JsonPath.read(oembed, "$.height")).isEqualTo(160);

        String mkvPage = fan.get("/shows/" + SHOW + "/episodes/" + matroska).body();
        assertThat(mkvPage).contains("id=\"player-unavailable\"").contains("video/x-matroska")
                .doesNotContain("<video").doesNotContain("embed-code").contains("Direct download");
    }
}
