package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Studio;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every refusal given before the body was read reaches a client that sends its whole body before
 * it reads anything, as a plain HTTP/1.1 client may: the server reads and throws away what it
 * refused (up to {@link LingeringClose#BYTES}) instead of closing the connection on unread bytes,
 * which resets it, fails the client's write and discards the answer. The client's send buffer is
 * kept from growing, so the body is far more than the two sockets' buffers hold: a server that does
 * not drain it fails the client's write every time. The refusals come from every place that gives
 * one: a filter of ours, Spring Security (its entry point, its CSRF check and its firewall),
 * Spring MVC, and Tomcat's own limit on a form; the ones the container would render as an error
 * page are written in the form of every other early refusal, with no error page and no trace.
 */
@IntegrationTest
class EarlyRefusalIntegrationTests {

    /** Less than the server drains, and far more than the sockets buffer. */
    private static final int BODY = (int) LingeringClose.BYTES - (128 << 10);
    /**
     * Of a body declared larger than the server drains: one byte more than it drains, so that it ends
     * the answer at once instead of waiting for the rest until its time is up.
     */
    private static final int PAST_THE_DRAIN = (int) LingeringClose.BYTES + 1;
    /** A send buffer the kernel does not grow (it would, to 4 MiB): the body cannot hide in it. */
    private static final int SEND_BUFFER = 256 << 10;

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1} ({3}) -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # method | path                     | content type                        | who       | declared  | status | says
        POST     | /verify                  | multipart/form-data; boundary=x     | anonymous | 1000000   | 403    | send forms from this site's own pages
        POST     | /studio/shows/x/artwork  | multipart/form-data; boundary=x     | anonymous | 0         | 403    | send forms from this site's own pages
        POST     | /verify;x=1              | application/octet-stream            | anonymous | 0         | 400    | Bad Request.
        POST     | /login                   | application/x-www-form-urlencoded   | anonymous | 3000000   | 413    | larger than this address takes
        PUT      | /api/nothing             | application/json                    | admin     | 0         | 404    | "detail":"There is nothing at this address."
        POST     | /api/shows/x/episodes    | multipart/form-data; boundary=x     | anonymous | 0         | 401    | "detail":"Sign in with HTTP Basic
        POST     | /api/shows/x/episodes    | multipart/form-data; boundary=x     | stranger  | 0         | 401    | "detail":"Sign in with HTTP Basic
        POST     | /api/shows/x/episodes    | multipart/form-data; boundary=x     | anonymous | 900000000 | 413    | "detail":"The upload is larger than the largest media file accepted."
        """)
    void anEarlyRefusalReachesAClientThatSendsItsWholeBodyBeforeReading(String method, String path, String type,
                                                                          String who, long declared, int status,
                                                                          String says) throws IOException {
        int sent = declared == 0 ? BODY : (int) Math.min(declared, PAST_THE_DRAIN);
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(SEND_BUFFER);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000); // only against a hang: the answer ends within LingeringClose.TIME
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, type, who, declared == 0 ? sent : declared).getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[sent]);
            out.flush();
            String answer = answerUpToItsLastChunk(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains(says).endsWith("\r\n0\r\n\r\n")
                    .doesNotContain("timestamp", "<html", "Exception", "at org.");
        }
    }

    private String head(String method, String path, String type, String who, long length) {
        String credentials = switch (who) {
            case "admin" -> Studio.ADMIN + ":" + Studio.ADMIN_PASSWORD;
            case "stranger" -> "nobody-" + UUID.randomUUID() + ":not-a-password-1";
            default -> null;
        };
        return method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + length + "\r\n" + (credentials == null ? "" : "Authorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n") + "\r\n";
    }

    /** The answer, read up to the end of its last chunk (a refusal given early goes in chunks). */
    private static String answerUpToItsLastChunk(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        for (int b; !answer.toString().endsWith("\r\n0\r\n\r\n") && (b = in.read()) != -1; ) {
            answer.append((char) b);
        }
        return answer.toString();
    }
}
