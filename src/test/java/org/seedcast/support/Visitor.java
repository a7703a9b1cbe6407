package org.seedcast.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Someone with a browser: cookies, the sign-in form, and the CSRF token the pages hand out. Anonymous
 * until {@link #signIn}; every request can carry the token or go without it.
 */
public final class Visitor {

    private static final Pattern TOKEN = Pattern.compile(
            "name=\"_csrf\" (?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\" name=\"_csrf\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String token;

    private Visitor(int port) {
        this.base = "http://localhost:" + port;
    }

    public static Visitor anonymous(int port) {
        return new Visitor(port);
    }

    /** Signs in through the login form; fails unless the form sends the visitor away from the login page. */
    public static Visitor signIn(int port, String username, String password) {
        Visitor visitor = new Visitor(port);
        HttpResponse<String> login = visitor.send(visitor.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password + "&_csrf="
                        + visitor.token(), StandardCharsets.UTF_8)).build());
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("/login")) {
            throw new IllegalStateException(username + " could not sign in: " + login.statusCode() + " " + location);
        }
        visitor.token = null; // signing in replaces the session's token
        return visitor;
    }

    /** The CSRF token of this visitor's session, read from the sign-in page's form (signed-in: from the studio's). */
    public String token() {
        if (token == null) {
            for (String page : new String[] {"/login", "/studio", "/verify"}) {
                Matcher matcher = TOKEN.matcher(send(request(page).GET().build()).body());
                if (matcher.find()) {
                    token = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    break;
                }
            }
            if (token == null) {
                throw new IllegalStateException("no page handed out a CSRF token");
            }
        }
        return token;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
