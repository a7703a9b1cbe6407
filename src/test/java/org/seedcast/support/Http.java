package org.seedcast.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP client for integration tests, optionally signed in: with HTTP Basic on the API (and
 * metrics), and, for pages, with a session made by the sign-in form on first use, as a browser has
 * (pages take no Basic credentials). A signed-in client sends the page's CSRF token with every page
 * request, so forms can be posted directly.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final String authorization;
    private final PageSession pages;

    private Http(String base, String authorization, PageSession pages) {
        this.base = base;
        this.authorization = authorization;
        this.pages = pages;
    }

    public static Http at(int port) {
        return new Http("http://localhost:" + port, null, null);
    }

    public Http as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Http(base, "Basic " + token, new PageSession(base, username, password));
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null && scripted(path)) {
            builder.header("Authorization", authorization);
        } else if (pages != null) {
            pages.token().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
        }
        return builder;
    }

    /** Where credentials go in an Authorization header; everything else is a page. */
    private static boolean scripted(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private HttpClient clientFor(HttpRequest request) {
        return pages != null && !scripted(request.uri().getRawPath()) ? pages.client : CLIENT;
    }
    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A multipart/form-data POST with text fields and one file part named {@code file}. */
    public HttpResponse<String> postMultipart(String path, String title, String fileName, byte[] content) {
        String boundary = "----seedcast" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return clientFor(request).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return clientFor(request).send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A browser's session: cookies, signed in through the form on first use, and the CSRF token of its pages. */
    private static final class PageSession {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        final String base;
        final String username;
        final String password;
        Optional<String> token;

        PageSession(String base, String username, String password) {
            this.base = base;
            this.username = username;
            this.password = password;
        }

        /** Signs in once; the token of a signed-in page, or nothing when the credentials were refused. */
        synchronized Optional<String> token() {
            if (token == null) {
                token = signIn();
            }
            return token;
        }

        private Optional<String> signIn() {
            Matcher form = FORM_TOKEN.matcher(get("/login").body());
            if (!form.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(form.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("/login")) {
                return Optional.empty();
            }
            Matcher meta = META_TOKEN.matcher(get("/studio").body());
            return meta.find() ? Optional.of(meta.group(1)) : Optional.empty();
        }

        private HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        }

        private HttpResponse<String> send(HttpRequest request) {
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
}
