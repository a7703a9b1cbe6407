package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.PageClient;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route Spring serves, taken from its own handler mappings (so a new route cannot be forgotten),
 * against four visitors: an anonymous fan, a producer of another show, a producer of the show the route
 * is about, and an admin. Each route has a rule in {@link #RULES}; a route without one fails
 * {@link #everyRouteHasARule()}. A visitor the rule lets in must not be turned away and must not get a
 * server error (the bodies sent are minimal, so 400, 404 or 409 are fine); a visitor it keeps out must be
 * turned away: 401 or the login page when anonymous, 403 (or 404, where a draft is hidden) when signed in.
 * And every state-changing request that a session authenticates is refused without its CSRF token.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests {

    /** Who may use a route. */
    enum Rule { PUBLIC, SIGNED_IN, SHOW, ADMIN }

    enum Who { ANONYMOUS, OTHER_PRODUCER, SHOW_PRODUCER, ADMIN }

    private static final Map<String, Rule> RULES = new TreeMap<>(Map.ofEntries(
            // the public side
            Map.entry("GET /", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/episodes/{id}", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/artwork", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/feed.xml", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/torrents.xml", Rule.PUBLIC),
            Map.entry("GET /feeds/all.xml", Rule.PUBLIC),
            Map.entry("GET /feeds/torrents.xml", Rule.PUBLIC),
            Map.entry("GET /feeds/opml", Rule.PUBLIC),
            Map.entry("GET /torrents/{infoHash}.torrent", Rule.PUBLIC),
            Map.entry("GET /.well-known/seedcast/publisher.pem", Rule.PUBLIC),
            Map.entry("GET /media/{episodeId}/{fileName}", Rule.PUBLIC),
            Map.entry("GET /verify", Rule.PUBLIC),
            Map.entry("GET /embed/{id}", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/episodes/{id}/chapters.json", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/episodes/{id}/transcript.vtt", Rule.PUBLIC),
            Map.entry("GET /shows/{slug}/episodes/{id}/poster.jpg", Rule.PUBLIC),
            Map.entry("GET /oembed", Rule.PUBLIC),
            Map.entry("POST /verify", Rule.PUBLIC),
            Map.entry("GET /login", Rule.PUBLIC),
            Map.entry("ANY /error", Rule.PUBLIC),
            Map.entry("GET /v3/api-docs", Rule.PUBLIC),
            Map.entry("GET /v3/api-docs.yaml", Rule.PUBLIC),
            Map.entry("GET /api/shows", Rule.PUBLIC),
            Map.entry("GET /api/shows/{slug}", Rule.PUBLIC),
            Map.entry("GET /api/shows/{slug}/episodes", Rule.PUBLIC),
            Map.entry("GET /api/episodes/{id}", Rule.PUBLIC),
            Map.entry("GET /actuator/health", Rule.PUBLIC),
            Map.entry("GET /actuator/health/**", Rule.PUBLIC),
            Map.entry("GET /actuator/info", Rule.PUBLIC),
            // the studio: producers, each on their own shows
            Map.entry("GET /studio", Rule.SIGNED_IN),
            Map.entry("GET /account/password", Rule.SIGNED_IN),
            Map.entry("POST /account/password", Rule.SIGNED_IN),
            Map.entry("GET /api/account", Rule.SIGNED_IN),
            Map.entry("PUT /api/account/password", Rule.SIGNED_IN),
            Map.entry("GET /studio/shows/{slug}", Rule.SHOW),
            Map.entry("GET /studio/shows/{slug}/edit", Rule.SHOW),
            Map.entry("POST /studio/shows/{slug}/edit", Rule.SHOW),
            Map.entry("POST /studio/shows/{slug}/artwork", Rule.SHOW),
            Map.entry("GET /studio/episodes/{id}", Rule.SHOW),
            Map.entry("GET /studio/episodes/{id}/facts", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/publish", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/schedule", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/unpublish", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/delete", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/chapters", Rule.SHOW),
            Map.entry("POST /studio/episodes/{id}/transcript", Rule.SHOW),
            Map.entry("PUT /api/episodes/{id}/chapters", Rule.SHOW),
            Map.entry("DELETE /api/episodes/{id}/chapters", Rule.SHOW),
            Map.entry("PUT /api/episodes/{id}/transcript", Rule.SHOW),
            Map.entry("DELETE /api/episodes/{id}/transcript", Rule.SHOW),
            Map.entry("PUT /api/shows/{slug}", Rule.SHOW),
            Map.entry("POST /api/shows/{slug}/episodes", Rule.SHOW),
            Map.entry("PUT /api/episodes/{id}", Rule.SHOW),
            Map.entry("POST /api/episodes/{id}/publish", Rule.SHOW),
            Map.entry("POST /api/episodes/{id}/unpublish", Rule.SHOW),
            Map.entry("DELETE /api/episodes/{id}", Rule.SHOW),
            Map.entry("OPTIONS /api/uploads", Rule.SIGNED_IN),
            Map.entry("POST /api/uploads", Rule.SHOW),
            Map.entry("HEAD /api/uploads/{id}", Rule.SHOW),
            Map.entry("PATCH /api/uploads/{id}", Rule.SHOW),
            Map.entry("DELETE /api/uploads/{id}", Rule.SHOW),
            // what only an admin does: shows are created by admins, who assign producers to them
            Map.entry("GET /studio/shows/new", Rule.ADMIN),
            Map.entry("POST /studio/shows/new", Rule.ADMIN),
            Map.entry("POST /api/shows", Rule.ADMIN),
            Map.entry("POST /api/users", Rule.ADMIN),
            Map.entry("GET /admin", Rule.ADMIN),
            Map.entry("GET /admin/overview.json", Rule.ADMIN),
            Map.entry("GET /admin/audit", Rule.ADMIN),
            Map.entry("GET /admin/bans", Rule.ADMIN),
            Map.entry("POST /admin/bans", Rule.ADMIN),
            Map.entry("POST /admin/bans/remove", Rule.ADMIN),
            Map.entry("GET /admin/unknown-torrents", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/{infoHash}/ignore", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/{infoHash}/unignore", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/bulk", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/{infoHash}/block", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/{infoHash}/unblock", Rule.ADMIN),
            Map.entry("POST /admin/unknown-torrents/ban", Rule.ADMIN),
            Map.entry("GET /admin/users", Rule.ADMIN),
            Map.entry("POST /admin/users", Rule.ADMIN),
            Map.entry("POST /admin/users/{id}/shows", Rule.ADMIN),
            Map.entry("POST /admin/users/{id}/disable", Rule.ADMIN),
            Map.entry("POST /admin/users/{id}/enable", Rule.ADMIN),
            Map.entry("POST /admin/users/{id}/password-reset", Rule.ADMIN),
            Map.entry("POST /api/users/{id}/disable", Rule.ADMIN),
            Map.entry("POST /api/users/{id}/enable", Rule.ADMIN),
            Map.entry("POST /api/users/{id}/password-reset", Rule.ADMIN),
            Map.entry("GET /admin/swarms", Rule.ADMIN),
            Map.entry("GET /admin/swarms/{infoHash}", Rule.ADMIN),
            Map.entry("GET /api/admin/swarms", Rule.ADMIN),
            Map.entry("GET /api/admin/swarms/{infoHash}", Rule.ADMIN),
            Map.entry("GET /api/admin/traffic", Rule.ADMIN),
            Map.entry("GET /api/admin/unknown-torrents", Rule.ADMIN),
            Map.entry("GET /api/admin/refused-sources", Rule.ADMIN),
            Map.entry("POST /api/admin/unknown-torrents/{infoHash}/block", Rule.ADMIN),
            Map.entry("DELETE /api/admin/unknown-torrents/{infoHash}/block", Rule.ADMIN),
            Map.entry("GET /api/admin/bans", Rule.ADMIN),
            Map.entry("POST /api/admin/bans", Rule.ADMIN),
            Map.entry("DELETE /api/admin/bans", Rule.ADMIN),
            Map.entry("GET /actuator", Rule.ADMIN),
            // open to the addresses in seedcast.metrics.allowed (loopback by default, where this test runs),
            // to admins from elsewhere: WebSecurityIntegrationTests asks from a non-loopback address
            Map.entry("GET /actuator/prometheus", Rule.PUBLIC)));

    private static final String SHOW = "matrix-show";
    private static final String OTHER_SHOW = "matrix-other";
    private static final String FOREIGN_HASH = "0123456789abcdef0123456789abcdef01234567";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Studio studio;
    private final Map<Who, PageClient> visitors = new TreeMap<>();
    private final Map<Who, String> tokens = new TreeMap<>();
    private int publishedId;
    private String publishedHash;
    private String publishedFile;
    /** The user the admin routes about one user disable, reset and assign (not one of the visitors). */
    private int victimId;
    private final AtomicInteger episodes = new AtomicInteger();

    @BeforeAll
    void aShowItsProducerAnotherProducerAndAPublishedEpisode() {
        studio = new Studio(port);
        studio.show(SHOW, "v1");
        studio.show(OTHER_SHOW, "v1");
        assertThat(studio.admin().postJson("/api/users", "{\"username\":\"matrix-own\",\"password\":\"matrix-own-pass-1\","
                + "\"role\":\"producer\",\"shows\":[\"" + SHOW + "\"]}").statusCode()).isEqualTo(201);
        HttpResponse<String> other = studio.admin().postJson("/api/users", "{\"username\":\"matrix-other\","
                + "\"password\":\"matrix-other-pass-1\",\"role\":\"producer\",\"shows\":[\"" + OTHER_SHOW + "\"]}");
        assertThat(other.statusCode()).isEqualTo(201);
        HttpResponse<String> victim = studio.admin().postJson("/api/users", "{\"username\":\"matrix-victim\","
                + "\"password\":\"matrix-victim-pass-1\",\"role\":\"producer\",\"shows\":[\"" + OTHER_SHOW + "\"]}");
        assertThat(victim.statusCode()).isEqualTo(201);
        victimId = JsonPath.read(victim.body(), "$.id");
        String published = studio.publish(SHOW, "Published", Media.mp4(4096, 77));
        publishedId = JsonPath.read(published, "$.id");
        publishedHash = JsonPath.read(published, "$.infoHash");
        publishedFile = JsonPath.read(published, "$.fileName");
        visitors.put(Who.ANONYMOUS, PageClient.at(port));
        visitors.put(Who.OTHER_PRODUCER, signedIn("matrix-other", "matrix-other-pass-1"));
        visitors.put(Who.SHOW_PRODUCER, signedIn("matrix-own", "matrix-own-pass-1"));
        visitors.put(Who.ADMIN, signedIn(Studio.ADMIN, Studio.ADMIN_PASSWORD));
    }

    private PageClient signedIn(String username, String password) {
        PageClient visitor = PageClient.at(port);
        HttpResponse<String> login = visitor.signIn(username, password);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).as(username + " signed in").doesNotContain("/login");
        return visitor;
    }

    /** The visitor's CSRF token, from a form every visitor sees. */
    private String token(Who who) {
        return tokens.computeIfAbsent(who, w -> visitors.get(w).token("/verify"));
    }

    @Test
    void everyRouteHasARule() {
        Set<String> routes = routes();

        assertThat(new TreeSet<>(routes)).as("routes without a rule in RULES: add one").isSubsetOf(RULES.keySet());
        assertThat(RULES.keySet()).as("rules for routes that no longer exist").isSubsetOf(routes);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteLetsInWhomItsRuleNamesAndNobodyElse() {
        return routes().stream().filter(RULES::containsKey).sorted().flatMap(route -> Stream.of(Who.values())
                .map(who -> DynamicTest.dynamicTest(route + " as " + who, () -> answersAsTheRuleSays(route, who))));
    }

    @TestFactory
    Stream<DynamicTest> everyStateChangingRequestOfASessionNeedsItsCsrfToken() {
        return routes().stream().filter(RULES::containsKey).filter(route -> changesState(method(route))).sorted()
                .map(route -> DynamicTest.dynamicTest(route, () -> {
                    HttpResponse<String> answer = visitors.get(Who.ADMIN).send(request(Who.ADMIN, route, false, false));
                    assertThat(answer.statusCode()).as(route + " without its CSRF token: " + answer.body()).isEqualTo(403);
                }));
    }

    /**
     * Signing in and out are Spring Security's filters, not routes of a handler mapping, so the two
     * tests above never see them: a forged sign-in would put a victim's browser into the attacker's
     * account, a forged sign-out would throw its user out.
     */
    @Test
    void theSignInAndSignOutFormsNeedTheirCsrfTokenToo() {
        PageClient stranger = PageClient.at(port);
        HttpResponse<String> signIn = stranger.send(stranger.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + Studio.ADMIN + "&password=" + Studio.ADMIN_PASSWORD))
                .build());
        assertThat(signIn.statusCode()).as("a sign-in without its token").isEqualTo(403);
        assertThat(signInPage(stranger.get("/studio"))).as("and nobody was signed in").isTrue();

        PageClient admin = signedIn(Studio.ADMIN, Studio.ADMIN_PASSWORD);
        HttpResponse<String> signOut = admin.send(admin.request("/logout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(signOut.statusCode()).as("a sign-out without its token").isEqualTo(403);
        assertThat(admin.get("/studio").statusCode()).as("and the admin is still signed in").isEqualTo(200);
    }

    private void answersAsTheRuleSays(String route, Who who) {
        HttpResponse<String> answer = visitors.get(who).send(request(who, route, true, letsIn(RULES.get(route), who)));
        String seen = route + " as " + who + " answered " + answer.statusCode() + " "
                + answer.headers().firstValue("Location").orElse("") + " " + abbreviate(answer.body());
        assertThat(answer.statusCode()).as(seen).isLessThan(500);
        if (letsIn(RULES.get(route), who)) {
            assertThat(turnedAway(answer)).as(seen).isFalse();
        } else if (who == Who.ANONYMOUS) {
            assertThat(answer.statusCode() == 401 || signInPage(answer)).as(seen).isTrue();
        } else {
            assertThat(answer.statusCode()).as(seen).isIn(403, 404);
        }
    }

    private static boolean letsIn(Rule rule, Who who) {
        return switch (rule) {
            case PUBLIC -> true;
            case SIGNED_IN -> who != Who.ANONYMOUS;
            case SHOW -> who == Who.SHOW_PRODUCER || who == Who.ADMIN;
            case ADMIN -> who == Who.ADMIN;
        };
    }

    private static boolean turnedAway(HttpResponse<String> answer) {
        return answer.statusCode() == 401 || answer.statusCode() == 403 || signInPage(answer);
    }

    private static boolean signInPage(HttpResponse<String> answer) {
        return answer.statusCode() == 302 && answer.headers().firstValue("Location").orElse("").contains("/login");
    }

    // ---- the routes Spring serves ----

    /** "METHOD pattern" for every pattern and method of every handler mapping; "ANY" where a mapping takes every method. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String plain = withoutRegexes(pattern);
                    if (methods.isEmpty()) {
                        routes.add("ANY " + plain);
                    }
                    methods.forEach(method -> routes.add(method + " " + plain));
                }
            }
        }
        return routes;
    }

    /** {@code /torrents/{infoHash:[0-9a-f]{40}}.torrent} → {@code /torrents/{infoHash}.torrent}. */
    static String withoutRegexes(String pattern) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            plain.append(c);
            if (c != '{') {
                continue;
            }
            int depth = 1;
            int j = i + 1;
            StringBuilder name = new StringBuilder();
            boolean inRegex = false;
            for (; j < pattern.length() && depth > 0; j++) {
                char d = pattern.charAt(j);
                depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                inRegex |= d == ':';
                if (depth > 0 && !inRegex) {
                    name.append(d);
                }
            }
            plain.append(name).append('}');
            i = j - 1;
        }
        return plain.toString();
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private static boolean changesState(String method) {
        return Set.of("POST", "PUT", "PATCH", "DELETE").contains(method);
    }

    // ---- a request for a route, with fixtures in its path ----

    private HttpRequest request(Who who, String route, boolean withToken, boolean letIn) {
        String method = method(route).equals("ANY") ? "GET" : method(route);
        String pattern = route.substring(route.indexOf(' ') + 1);
        // a request that may change its episode or upload gets one of its own; the others share one
        boolean fresh = changesState(method) && letIn;
        String path = path(pattern, fresh);
        HttpRequest.Builder request = visitors.get(who).request(path);
        if (withToken && changesState(method)) {
            request.header("X-XSRF-TOKEN", token(who));
        }
        if (path.startsWith("/api/uploads")) {
            request.header("Tus-Resumable", "1.0.0");
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (pattern.equals("/api/shows/{slug}/episodes") && method.equals("POST")) {
            String boundary = "matrix" + UUID.randomUUID();
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            body = HttpRequest.BodyPublishers.ofByteArray(multipart(boundary));
        } else if (pattern.equals("/api/uploads") && method.equals("POST")) {
            request.header("Upload-Length", "1024").header("Upload-Metadata", "filename " + base64("m.mp4") + ",show "
                    + base64(SHOW) + ",title " + base64("Matrix upload"));
        } else if (pattern.equals("/api/uploads/{id}") && method.equals("PATCH")) {
            request.header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream");
            body = HttpRequest.BodyPublishers.ofByteArray(new byte[16]);
        } else if (path.startsWith("/api/") && changesState(method)) {
            request.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(VALID_JSON.getOrDefault(pattern, "{}"));
        } else if (changesState(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
            body = HttpRequest.BodyPublishers.ofString(VALID_FORMS.getOrDefault(pattern, ""));
        }
        return request.method(method, body).build();
    }

    /**
     * Bodies a visitor with the right to do so would send, so that a refusal is about rights and not
     * about the body (validation may come before the rights check).
     */
    private static final Map<String, String> VALID_JSON = Map.of(
            "/api/shows", "{\"slug\":\"matrix-new\",\"title\":\"Matrix new\"}",
            "/api/shows/{slug}", "{\"title\":\"Matrix show\"}",
            "/api/episodes/{id}", "{\"title\":\"Matrix episode\"}",
            "/api/users", "{\"username\":\"matrix-new\",\"password\":\"matrix-new-pass-1\",\"role\":\"producer\"}",
            "/api/admin/bans", "{\"cidr\":\"192.0.2.0/24\",\"reason\":\"matrix\",\"hours\":1}");
    private static final Map<String, String> VALID_FORMS = Map.of(
            "/studio/shows/new", "slug=matrix-form&title=Matrix+form&language=en",
            "/studio/shows/{slug}/edit", "title=Matrix+show&language=en",
            "/studio/episodes/{id}", "title=Matrix+episode",
            "/studio/episodes/{id}/schedule", "publishAt=2099-01-01T12:00",
            "/admin/bans", "cidr=192.0.2.0%2F24&reason=matrix&hours=1",
            "/admin/users", "username=matrix-form&password=matrix-form-pass-1&role=PRODUCER");

    private int sharedDraft;
    private String sharedUpload;

    /** The pattern with its variables set to fixtures of {@link #SHOW}, new ones when {@code fresh}. */
    private String path(String pattern, boolean fresh) {
        boolean studioOrApi = pattern.startsWith("/studio/") || pattern.startsWith("/api/");
        if (sharedDraft == 0) {
            sharedDraft = newDraft();
            sharedUpload = newUpload();
        }
        if (pattern.contains("/api/uploads/{id}")) {
            return pattern.replace("{id}", fresh ? newUpload() : sharedUpload);
        }
        if (studioOrApi && pattern.contains("/episodes/{id}")) {
            return pattern.replace("{id}", Integer.toString(fresh ? newDraft() : sharedDraft));
        }
        return pattern
                .replace("/users/{id}", "/users/" + victimId)
                .replace("/episodes/{id}", "/episodes/" + publishedId)
                .replace("/embed/{id}", "/embed/" + publishedId)
                .replace("/oembed", "/oembed?url=http://localhost:" + port + "/embed/" + publishedId)
                .replace("{episodeId}", Integer.toString(publishedId))
                .replace("{fileName}", publishedFile)
                .replace("/torrents/{infoHash}", "/torrents/" + publishedHash)
                .replace("{infoHash}", pattern.contains("swarms") ? publishedHash : FOREIGN_HASH)
                .replace("{slug}", SHOW)
                .replace("/**", "/liveness");
    }

    private int newDraft() {
        return studio.upload(SHOW, "Draft " + episodes.incrementAndGet(), Media.mp4(2048, 1000 + episodes.get()));
    }

    /** A resumable upload into {@link #SHOW}, started by the show's producer (uploads belong to whoever started them). */
    private String newUpload() {
        Http producer = Http.at(port).as("matrix-own", "matrix-own-pass-1");
        HttpResponse<String> created = producer.send(producer.request("/api/uploads").header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "4096").header("Upload-Metadata", "filename " + base64("u.mp4") + ",show "
                        + base64(SHOW) + ",title " + base64("Upload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static byte[] multipart(String boundary) {
        byte[] file = Media.mp4(2048, 4242);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMatrix\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.mp4\"\r\nContent-Type: video/mp4\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    @Test
    void withoutRegexesKeepsTheVariableNames() {
        assertThat(withoutRegexes("/torrents/{infoHash:[0-9a-fA-F]{40}|[0-9a-fA-F]{64}}.torrent")).isEqualTo("/torrents/{infoHash}.torrent");
        assertThat(withoutRegexes("/media/{episodeId}/{fileName:.+}")).isEqualTo("/media/{episodeId}/{fileName}");
        assertThat(List.of(withoutRegexes("/a/{b}"))).containsExactly("/a/{b}");
    }
}
