package org.seedcast.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP client for integration tests, optionally signed in with HTTP Basic. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String base;
    private final String authorization;
    private final List<String> headers;

    private Http(String base, String authorization, List<String> headers) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
    }

    public static Http at(int port) {
        return new Http("http://localhost:" + port, null, List.of());
    }

    public Http as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Http(base, "Basic " + token, headers);
    }

    /**
     * Signed in through the sign-in form, as a browser is: every request carries the cookies the
     * server set (the session) and the CSRF token the pages name, and no credentials.
     */
    public Http signedIn(String username, String password) {
        Map<String, String> cookies = new LinkedHashMap<>();
        Http anonymous = new Http(base, null, List.of());
        HttpResponse<String> form = anonymous.get("/login");
        keep(cookies, form);
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(meta(form.body(), "name=\"_csrf\" value=\"([^\"]+)\""), StandardCharsets.UTF_8);
        Http browser = withCookies(cookies);
        HttpResponse<String> signedIn = browser.send(browser.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("signing in as " + username + " failed: " + signedIn.statusCode());
        }
        keep(cookies, signedIn);
        HttpResponse<String> studio = withCookies(cookies).get("/studio");
        keep(cookies, studio);
        String token = meta(studio.body(), "<meta name=\"_csrf\" content=\"([^\"]+)\"");
        String header = meta(studio.body(), "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
        List<String> headers = new ArrayList<>(withCookies(cookies).headers);
        headers.addAll(List.of(header, token));
        return new Http(base, null, List.copyOf(headers));
    }

    private Http withCookies(Map<String, String> cookies) {
        return new Http(base, null, cookies.isEmpty() ? List.of() : List.of("Cookie", cookieHeader(cookies)));
    }

    private static void keep(Map<String, String> cookies, HttpResponse<?> response) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String[] pair = setCookie.split(";", 2)[0].split("=", 2);
            cookies.put(pair[0].strip(), pair.length == 2 ? pair[1].strip() : "");
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    private static String meta(String page, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the page");
        }
        return matcher.group(1);
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        return builder;
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
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
