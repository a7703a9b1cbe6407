package org.seedcast.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;


/** The tus 1.0 requests of the studio's uploader (creation, PATCH at an offset, HEAD), for one show. */
public final class TusClient {

    /** Who sends the requests: a script with credentials ({@link Http}) or a signed-in browser. */
    public interface Requests {

        HttpRequest.Builder request(String path);

        HttpResponse<String> send(HttpRequest request);
    }

    private final Requests http;
    private final String show;

    public TusClient(Requests http, String show) {
        this.http = http;
        this.show = show;
    }

    public TusClient(Http http, String show) {
        this(new Requests() {
            @Override
            public HttpRequest.Builder request(String path) {
                return http.request(path);
            }

            @Override
            public HttpResponse<String> send(HttpRequest request) {
                return http.send(request);
            }
        }, show);
    }

    /** Creates an upload and returns its location. */
    public String create(long length, String fileName, String title) {
        HttpResponse<String> response = tryCreate(length, fileName, title);
        if (response.statusCode() != 201) {
            throw new AssertionError("creating an upload answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The server's answer to a creation, whatever it is. */
    public HttpResponse<String> tryCreate(long length, String fileName, String title) {
        return http.send(http.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + b64(fileName) + ",show " + b64(show) + ",title " + b64(title))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> patch(String location, long offset, byte[] bytes) {
        return http.send(http.request(location)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    public HttpResponse<String> head(String location) {
        return http.send(http.request(location).header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The server's offset, or -1 while it cannot say. */
    public long offset(String location) {
        HttpResponse<String> head = head(location);
        return head.statusCode() == 200 ? head.headers().firstValueAsLong("Upload-Offset").orElse(-1) : -1;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
