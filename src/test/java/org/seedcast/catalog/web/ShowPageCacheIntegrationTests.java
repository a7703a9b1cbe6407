package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Anonymous visitors get a show's page from the cache, which a catalog change empties. */
@IntegrationTest
class ShowPageCacheIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ShowPageCache cache;

    @Test
    void percentEncodedVariantsOfASlugShareOneKeptPage() {
        Http admin = Http.at(port).as("admin", "admin-secret-1");
        assertThat(admin.postJson("/api/shows", "{\"slug\":\"sec\",\"title\":\"Encoded\"}").statusCode()).isEqualTo(201);
        Http fan = Http.at(port);
        String page = fan.get("/shows/sec").body();
        for (String variant : new String[] {"/shows/%73ec", "/shows/%73%65c", "/shows/%73%65%63", "/shows/s%45c"}) {
            HttpResponse<String> response = fan.get(variant);
            if (response.statusCode() == 200) {
                assertThat(response.body()).as(variant).isEqualTo(page);
            }
        }
        assertThat(cache.size()).as("one kept page for one show").isEqualTo(1);
    }

    @Test
    void anonymousVisitorsGetTheKeptPageUntilTheShowChanges() {
        Http admin = Http.at(port).as("admin", "admin-secret-1");
        Http fan = Http.at(port);
        assertThat(admin.postJson("/api/shows", "{\"slug\":\"kept-page\",\"title\":\"First title\"}").statusCode())
                .isEqualTo(201);

        HttpResponse<String> first = fan.get("/shows/kept-page");
        HttpResponse<String> second = fan.get("/shows/kept-page");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(first.body()).contains("First title").doesNotContain("name=\"_csrf\"");
        assertThat(first.headers().firstValue("Set-Cookie")).as("no session for a public page").isEmpty();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("X-Content-Type-Options")).as("security headers still written").hasValue("nosniff");

        assertThat(admin.putJson("/api/shows/kept-page", "{\"title\":\"Second title\"}").statusCode()).isEqualTo(200);

        assertThat(fan.get("/shows/kept-page").body()).contains("Second title").doesNotContain("First title");
        assertThat(admin.get("/shows/kept-page").body()).as("rendered for a signed-in user")
                .contains("Manage in the studio").contains("name=\"_csrf\"");
        assertThat(fan.get("/shows/no-such-show").statusCode()).isEqualTo(404);
    }
}
