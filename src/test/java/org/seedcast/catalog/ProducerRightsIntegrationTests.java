package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A producer touches only their own shows, through the API and through the pages alike. */
@IntegrationTest
class ProducerRightsIntegrationTests {

    @LocalServerPort
    int port;

    Http admin;
    Http alice;
    Http bob;
    int bobsDraft;

    @BeforeEach
    void twoProducersWithAShowEach() {
        admin = Http.at(port).as("admin", "admin-secret-1");
        if (admin.get("/api/shows/bobs-show").statusCode() == 404) {
            admin.postJson("/api/shows", "{\"slug\":\"alices-show\",\"title\":\"Alice's\"}");
            admin.postJson("/api/shows", "{\"slug\":\"bobs-show\",\"title\":\"Bob's\"}");
            assertThat(admin.postJson("/api/users", "{\"username\":\"alice\",\"password\":\"alice-pass-1\",\"role\":\"producer\",\"shows\":[\"alices-show\"]}")
                    .statusCode()).isEqualTo(201);
            assertThat(admin.postJson("/api/users", "{\"username\":\"bob\",\"password\":\"bob-pass-123\",\"role\":\"producer\",\"shows\":[\"bobs-show\"]}")
                    .statusCode()).isEqualTo(201);
        }
        alice = Http.at(port).as("alice", "alice-pass-1");
        bob = Http.at(port).as("bob", "bob-pass-123");
        HttpResponse<String> draft = bob.postMultipart("/api/shows/bobs-show/episodes", "Bob's draft", "b.mp4", Media.mp4(2048, 9));
        assertThat(draft.statusCode()).isEqualTo(201);
        bobsDraft = JsonPath.read(draft.body(), "$.id");
    }

    @Test
    void theApiRefusesAnotherProducersShow() {
        assertThat(alice.putJson("/api/shows/bobs-show", "{\"title\":\"Taken over\"}").statusCode()).isEqualTo(403);
        assertThat(alice.postMultipart("/api/shows/bobs-show/episodes", "Intruder", "i.mp4", Media.mp4(2048, 10)).statusCode())
                .isEqualTo(403);
        assertThat(alice.postJson("/api/episodes/" + bobsDraft + "/publish", "").statusCode()).isEqualTo(404);
        assertThat(alice.get("/api/episodes/" + bobsDraft).statusCode()).as("drafts stay hidden").isEqualTo(404);
        assertThat(alice.postJson("/api/users", "{\"username\":\"eve\",\"password\":\"eve-pass-12\",\"role\":\"admin\"}").statusCode())
                .isEqualTo(403);
        assertThat(JsonPath.<String>read(admin.get("/api/shows/bobs-show").body(), "$.title")).isEqualTo("Bob's");
    }

    @Test
    void theApiLetsAProducerManageTheirOwnShow() {
        assertThat(bob.putJson("/api/shows/bobs-show", "{\"title\":\"Bob's\",\"description\":\"mine\"}").statusCode()).isEqualTo(200);
        assertThat(bob.postJson("/api/episodes/" + bobsDraft + "/publish", "").statusCode()).isEqualTo(200);
        assertThat(bob.postJson("/api/episodes/" + bobsDraft + "/unpublish", "").statusCode()).isEqualTo(200);
    }

    @Test
    void thePagesRefuseAnotherProducersShow() throws Exception {
        PageSession session = PageSession.signIn(port, "alice", "alice-pass-1");

        assertThat(session.get("/studio/shows/bobs-show").statusCode()).isEqualTo(403);
        assertThat(session.get("/studio/shows/bobs-show/edit").statusCode()).isEqualTo(403);
        assertThat(session.get("/studio/episodes/" + bobsDraft).statusCode()).isEqualTo(404);
        assertThat(session.post("/studio/shows/bobs-show/edit", "title=Hijacked&language=en").statusCode()).isEqualTo(403);
        assertThat(session.post("/studio/episodes/" + bobsDraft + "/publish", "").statusCode()).isEqualTo(404);
        assertThat(session.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(session.get("/studio/shows/alices-show").statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(admin.get("/api/shows/bobs-show").body(), "$.title")).isEqualTo("Bob's");
    }

    @Test
    void onlyAdminsCreateShows() throws Exception {
        HttpResponse<String> api = alice.postJson("/api/shows", "{\"slug\":\"official-news\",\"title\":\"Official\"}");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        PageSession session = PageSession.signIn(port, "alice", "alice-pass-1");
        assertThat(session.get("/studio/shows/new").statusCode()).isEqualTo(403);
        assertThat(session.post("/studio/shows/new", "slug=official-news&title=Official&language=en").statusCode())
                .isEqualTo(403);
        assertThat(session.get("/studio").body()).as("no button a producer may not use")
                .doesNotContain("/studio/shows/new");

        assertThat(admin.get("/api/shows/official-news").statusCode()).isEqualTo(404);
        assertThat(PageSession.signIn(port, "admin", "admin-secret-1").get("/studio").body()).contains("/studio/shows/new");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        PageSession session = PageSession.signIn(port, "alice", "alice-pass-1");

        HttpResponse<String> forged = session.postWithoutToken("/studio/shows/alices-show/edit", "title=Forged&language=en");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(JsonPath.<String>read(admin.get("/api/shows/alices-show").body(), "$.title")).isEqualTo("Alice's");
    }

    /** A browser-like session: cookies, the login form, and the CSRF token of each form. */
    static final class PageSession {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient client;
        private final String base;

        private PageSession(int port) {
            this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            this.base = "http://localhost:" + port;
        }

        static PageSession signIn(int port, String username, String password) throws Exception {
            PageSession session = new PageSession(port);
            HttpResponse<String> login = session.post("/login", "username=" + username + "&password=" + password, "/login");
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return session;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return post(path, form, "/studio");
        }

        HttpResponse<String> post(String path, String form, String tokenPage) throws Exception {
            Matcher token = CSRF.matcher(get(tokenPage).body());
            assertThat(token.find()).as("a CSRF token on " + tokenPage).isTrue();
            return postWithoutToken(path, form + "&_csrf=" + token.group(1));
        }

        HttpResponse<String> postWithoutToken(String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

    }
}
