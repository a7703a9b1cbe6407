package org.seedcast.faults;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seedcast.support.TusClient;

/**
 * What the studio's uploader runs in: a browser signed in through the sign-in form, whose
 * requests carry its cookies (the session) and the CSRF token its pages name, never credentials.
 */
final class SignedInBrowser implements TusClient.Requests {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String csrfHeader;
    private final String csrfToken;

    SignedInBrowser(int port, String username, String password) {
        this.base = "http://localhost:" + port;
        String form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build()).body();
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(find(form, "name=\"_csrf\" value=\"([^\"]+)\""), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("/login")) {
            throw new IllegalStateException("signing in as " + username + " failed: " + signedIn.statusCode());
        }
        String studio = send(HttpRequest.newBuilder(URI.create(base + "/studio")).GET().build()).body();
        this.csrfHeader = find(studio, "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
        this.csrfToken = find(studio, "<meta name=\"_csrf\" content=\"([^\"]+)\"");
    }

    @Override
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header(csrfHeader, csrfToken);
    }

    @Override
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

    private static String find(String page, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the page");
        }
        return matcher.group(1);
    }
}
