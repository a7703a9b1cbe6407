package org.seedcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, takes the CSRF token from the page a form is on,
 * and can connect from another loopback address (127.0.0.x), so a test can be "another client".
 */
public final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    private final CookieManager cookies = new CookieManager();

    private PageClient(int port, String fromAddress) {
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (fromAddress != null) {
            try {
                builder.localAddress(InetAddress.getByName(fromAddress));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        this.client = builder.build();
        boolean loopback = fromAddress == null || fromAddress.startsWith("127.");
        this.base = "http://" + (loopback ? "127.0.0.1" : fromAddress) + ":" + port;
    }

    public static PageClient at(int port) {
        return new PageClient(port, null);
    }

    /**
     * A client whose connections come from {@code address}: a literal loopback address such as
     * 127.0.0.9, or one of this machine's own addresses (then it also connects to it).
     */
    public static PageClient from(int port, String address) {
        return new PageClient(port, address);
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** A request to {@code path} on this client's server, for a test to finish and {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A request with HTTP Basic credentials (and no cookies of this client's pages). */
    public HttpResponse<String> basic(String method, String path, String username, String password, String... headers) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Basic " + token);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** The CSRF token of the first form on {@code page}. */
    public String token(String page) {
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return token.group(1);
    }

    /** Posts a form as a browser does from {@code page}: with that page's CSRF token. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String page) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + URLEncoder.encode(token(page), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Signs in with the form at /login; returns the answer to the POST. */
    public HttpResponse<String> signIn(String username, String password) {
        return postForm("/login", Map.of("username", username, "password", password), "/login");
    }

    /** A multipart form with one file part, its CSRF token taken from {@code page} and sent in the query string. */
    public HttpResponse<String> postFile(String path, String part, String fileName, byte[] content, String page) {
        String boundary = "----seedcast" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        String token = URLEncoder.encode(token(page), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path + "?_csrf=" + token))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
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
