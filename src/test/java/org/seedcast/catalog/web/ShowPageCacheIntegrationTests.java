package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Anonymous visitors get a show's page from the cache, which a catalog change empties. */
@IntegrationTest
class ShowPageCacheIntegrationTests {

    @LocalServerPort
    int port;

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
