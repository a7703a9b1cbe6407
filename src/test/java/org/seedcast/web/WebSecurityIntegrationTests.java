package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.seedcast.node.FileDescriptors;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.PageClient;
import org.seedcast.support.PasswordChecks;
import org.seedcast.support.Studio;
import org.seedcast.web.connections.GuardedNioProtocol;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What anonymous requests may cost and where credentials count: HTTP Basic only on the API and
 * metrics, never a password check for a public path, failed sign-ins throttled per user name and
 * per address before any hash is checked, no session for anonymous pages, and the headers.
 * Clients that must not disturb the others connect from their own loopback address (127.0.0.x).
 */
@IntegrationTest
class WebSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    PasswordChecks passwordChecks;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${seedcast.sign-in.max-failures-per-user:10}")
    int maxFailuresPerUser;

    @Value("${seedcast.sign-in.max-failures-per-address:30}")
    int maxFailuresPerAddress;

    @Test
    void aWrongBasicHeaderOnAStaticPathCostsNoPasswordCheck() {
        PageClient fan = PageClient.from(port, "127.0.0.21");
        long before = passwordChecks.count();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> css = fan.basic("GET", "/css/seedcast.css", "admin", "wrong-" + i);
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        }
        HttpResponse<String> home = fan.basic("GET", "/", "admin", "wrong");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(passwordChecks.count()).as("no bcrypt for a public path").isEqualTo(before);
    }

    /**
     * Health checks are public and, unlike every other path, not held to the per-address request
     * limits (a load balancer asks often): a stray or forged Basic header there must cost neither a
     * password check nor a look at the sign-in throttle's table, and must not fail the check.
     */
    @Test
    void aWrongBasicHeaderOnAHealthCheckCostsNoPasswordCheckAndDoesNotFailIt() {
        PageClient prober = PageClient.from(port, "127.0.0.22");
        long before = passwordChecks.count();
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info")) {
            for (int i = 0; i < 3; i++) {
                assertThat(prober.basic("GET", path, "health-" + i, "wrong-" + i).statusCode()).as(path).isEqualTo(200);
            }
        }
        assertThat(passwordChecks.count()).as("no bcrypt for a health check").isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from sign_in_failures where key like 'health-%' or key = '127.0.0.22'",
                Long.class)).as("no failed sign-in counted").isZero();
    }

    @Test
    void basicCredentialsCountOnTheApiOnly() {
        PageClient script = PageClient.from(port, "127.0.0.22");
        assertThat(script.basic("GET", "/api/admin/bans", Studio.ADMIN, Studio.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> page = script.basic("GET", "/admin/bans", Studio.ADMIN, Studio.ADMIN_PASSWORD);
        assertThat(page.statusCode()).as("pages need a signed-in session").isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void browsersNeverGetABasicChallenge() {
        PageClient browser = PageClient.from(port, "127.0.0.23");
        HttpResponse<String> navigation = browser.get("/api/admin/bans", "Accept", "text/html,application/xhtml+xml",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Site", "none");
        assertThat(navigation.statusCode()).isEqualTo(401);
        assertThat(navigation.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.toLowerCase().startsWith("basic"));
        HttpResponse<String> xhr = browser.get("/api/admin/bans", "Accept", "*/*", "Sec-Fetch-Mode", "cors");
        assertThat(xhr.statusCode()).isEqualTo(401);
        assertThat(xhr.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.toLowerCase().startsWith("basic"));
        assertThat(xhr.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aCrossSiteFormCannotRideOnBasicCredentialsABrowserKept() {
        PageClient browser = PageClient.from(port, "127.0.0.24");
        HttpResponse<String> forged = browser.basic("POST", "/api/episodes/999999/unpublish", Studio.ADMIN, Studio.ADMIN_PASSWORD,
                "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate", "Origin", "https://evil.example");
        assertThat(forged.statusCode()).as("refused by CSRF before the episode is even looked up").isEqualTo(403);
        HttpResponse<String> withSession = browser.basic("POST", "/api/episodes/999999/unpublish", Studio.ADMIN,
                Studio.ADMIN_PASSWORD, "Cookie", "JSESSIONID=0123456789ABCDEF");
        assertThat(withSession.statusCode()).as("a session cookie beside the credentials needs the token").isEqualTo(403);
        HttpResponse<String> script = browser.basic("POST", "/api/episodes/999999/unpublish", Studio.ADMIN, Studio.ADMIN_PASSWORD);
        assertThat(script.statusCode()).as("a script's own credentials need no CSRF token").isEqualTo(404);
    }

    @Test
    void failedSignInsAreThrottledPerUserNameBeforeAnyPasswordCheck() {
        String user = newProducer("throttled-user-");
        PageClient attacker = PageClient.from(port, "127.0.0.31");
        for (int i = 0; i < maxFailuresPerUser; i++) {
            assertThat(attacker.basic("GET", "/api/admin/bans", user, "guess-" + i).statusCode()).isEqualTo(401);
        }
        long before = passwordChecks.count();
        HttpResponse<String> throttled = attacker.basic("GET", "/api/admin/bans", user, "guess-again");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(throttled.body()).contains("Too many failed sign-ins");
        assertThat(PageClient.from(port, "127.0.0.32").basic("GET", "/api/shows", user, "producer-pass-1").statusCode())
                .as("the user name is throttled from every address, even with the right password").isEqualTo(429);
        assertThat(passwordChecks.count()).as("no bcrypt while throttled").isEqualTo(before);

        PageClient form = PageClient.from(port, "127.0.0.33");
        HttpResponse<String> signIn = form.signIn(user, "producer-pass-1");
        assertThat(signIn.statusCode()).isEqualTo(302);
        String location = signIn.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login?throttled");
        assertThat(form.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains("Too many failed sign-ins");
        assertThat(passwordChecks.count()).isEqualTo(before);
    }

    @Test
    void failedSignInsAreThrottledPerAddressWhileOtherAddressesStillSignIn() {
        PageClient sprayer = PageClient.from(port, "127.0.0.41");
        for (int i = 0; i < maxFailuresPerAddress; i++) {
            String someone = "spray-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(sprayer.basic("GET", "/api/admin/bans", someone, "password").statusCode()).isEqualTo(401);
        }
        assertThat(sprayer.basic("GET", "/api/admin/bans", "spray-next", "password").statusCode()).isEqualTo(429);
        assertThat(sprayer.basic("GET", "/api/admin/bans", Studio.ADMIN, Studio.ADMIN_PASSWORD).statusCode())
                .as("this address is throttled, whoever it names").isEqualTo(429);

        assertThat(PageClient.from(port, "127.0.0.42").basic("GET", "/api/admin/bans", Studio.ADMIN, Studio.ADMIN_PASSWORD)
                .statusCode()).as("another address signs in").isEqualTo(200);
        PageClient other = PageClient.from(port, "127.0.0.43");
        assertThat(other.signIn(Studio.ADMIN, Studio.ADMIN_PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error").doesNotContain("throttled"));
    }

    @Test
    void anonymousPagesMakeNoSession() {
        String slug = "no-session-" + UUID.randomUUID().toString().substring(0, 8);
        int id = JsonPath.read(new Studio(port).publishInNewShow(slug, Media.mp4(120_000, 41)), "$.id");
        PageClient fan = PageClient.from(port, "127.0.0.51");
        for (String path : List.of("/", "/shows/" + slug, "/shows/" + slug + "/episodes/" + id, "/feeds/all.xml",
                "/shows/" + slug + "/feed.xml", "/no-such-page", "/shows/no-such-show")) {
            HttpResponse<String> response = fan.get(path);
            assertThat(response.statusCode()).as(path).isIn(200, 404);
            assertThat(response.headers().allValues("Set-Cookie")).as("cookies set by " + path).isEmpty();
        }
        for (String path : List.of("/login", "/verify")) {
            HttpResponse<String> response = fan.get(path);
            assertThat(response.body()).as(path).contains("name=\"_csrf\"");
            assertThat(response.headers().allValues("Set-Cookie")).as("no session for " + path)
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        }
    }

    @Test
    void pagesCarryTheSecurityHeadersAndTheSessionCookieIsLaxAndHttpOnly() {
        HttpResponse<String> home = PageClient.at(port).get("/");
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("base-uri 'none'").contains("form-action 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'none'");
        assertThat(home.headers().firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p).contains("camera=()"));

        PageClient admin = PageClient.from(port, "127.0.0.52");
        HttpResponse<String> signedIn = admin.signIn(Studio.ADMIN, Studio.ADMIN_PASSWORD);
        Optional<String> session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst();
        assertThat(session).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void thePublicApiDocsLeaveTheAdminApiOut() {
        HttpResponse<String> docs = PageClient.at(port).get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/shows").doesNotContain("/api/admin").doesNotContain("/api/users");
    }

    @Test
    void metricsAreOpenToLoopbackAndAdminsOnly() throws SocketException {
        assertThat(PageClient.at(port).get("/actuator/prometheus").statusCode()).as("a local Prometheus").isEqualTo(200);
        Optional<String> outside = nonLoopbackAddress();
        Assumptions.assumeTrue(outside.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
        PageClient remote = PageClient.from(port, outside.get());
        assertThat(remote.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(remote.basic("GET", "/actuator/prometheus", Studio.ADMIN, Studio.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(remote.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private static Optional<String> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return Optional.of(address.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    private String newProducer(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        Http admin = new Studio(port).admin();
        assertThat(admin.postJson("/api/users", "{\"username\":\"" + name + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\"}")
                .statusCode()).isEqualTo(201);
        return name;
    }


    /**
     * The web port's connections follow {@code seedcast.web.*} (what they do is proven with raw sockets by
     * {@code GuardedNioProtocolTests}): this checks the application's Tomcat speaks that protocol, bound by
     * the settings rather than by Tomcat's own latch.
     */
    @Test
    void theWebPortFollowsItsOwnConnectionRules(@Autowired WebServerApplicationContext context) {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProtocolHandler()).isInstanceOf(GuardedNioProtocol.class);
        assertThat(((GuardedNioProtocol) connector.getProtocolHandler()).getMaxConnections()).as("unset: sized to the heap and descriptors")
                .isEqualTo(WebProperties.Connections.sized(Runtime.getRuntime().maxMemory(), FileDescriptors.limit()));
        assertThat(Http.at(port).get("/actuator/prometheus").body()).as("its metrics")
                .containsPattern("(?m)^seedcast_web_connections\\{[^}]*} [1-9]")
                .contains("seedcast_web_connections_closed_total{application=\"seedcast\",reason=\"address_limit\"}")
                .contains("reason=\"shed\"").contains("reason=\"head_timeout\"");
    }
}
