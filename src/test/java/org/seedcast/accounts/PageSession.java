package org.seedcast.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session: cookies, the login form, and the CSRF token of each form; redirects not followed. */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient client;
    private final String base;

    private PageSession(int port) {
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        this.base = "http://localhost:" + port;
    }

    /** Signs in through the login form and asserts that it worked. */
    static PageSession signIn(int port, String username, String password) {
        PageSession session = new PageSession(port);
        HttpResponse<String> login = session.post("/login", "username=" + username + "&password=" + encode(password), "/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).as("signed in as " + username).doesNotContain("error");
        return session;
    }

    /** Whether the login form accepts these credentials. */
    static boolean canSignIn(int port, String username, String password) {
        PageSession session = new PageSession(port);
        HttpResponse<String> login = session.post("/login", "username=" + username + "&password=" + encode(password), "/login");
        return login.statusCode() == 302 && !login.headers().firstValue("Location").orElse("").contains("error");
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).build());
    }

    /** POSTs a form with the CSRF token found on {@code tokenPage}. */
    HttpResponse<String> post(String path, String form, String tokenPage) {
        Matcher token = CSRF.matcher(get(tokenPage).body());
        assertThat(token.find()).as("a CSRF token on " + tokenPage).isTrue();
        return postWithoutToken(path, form + "&_csrf=" + encode(token.group(1)));
    }

    HttpResponse<String> postWithoutToken(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
