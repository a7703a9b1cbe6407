package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A multipart body the caller may not send, or too large for its endpoint, is refused from its
 * head: the answer comes while the client still holds almost all of the declared body, and
 * nothing is spooled to the multipart directory. The body declared is under the test run's upload
 * limit (64 MB), which Tomcat would enforce by itself from the declared length.
 */
@IntegrationTest
class MultipartRefusalIntegrationTests {

    private static final long DECLARED = 50_000_000;
    private static final int WHOLE_BODY = (int) LingeringClose.BYTES - (64 << 10);

    @LocalServerPort
    int port;

    @Autowired
    ServletContext servletContext;

    @Autowired
    MultipartConfigElement multipart;

    @Test
    void anonymousMultipartPostsAreRefusedBeforeTheirBodyIsRead() throws Exception {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            WatchKey spool = spoolDirectory().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            for (String path : new String[] {"/", "/verify", "/login", "/studio/shows/x/artwork", "/api/shows/x/episodes"}) {
                assertThat(statusOfAPartlySentBody(path, null)).as(path).isBetween(400, 499);
            }
            assertThat(spool.pollEvents()).as("files spooled by anonymous requests").isEmpty();
        }
    }

    @Test
    void aProducerWithoutRightsOnTheShowIsRefusedBeforeTheUploadIsRead() throws Exception {
        String slug = "multipart-rights-" + UUID.randomUUID().toString().substring(0, 8);
        new Studio(port).show(slug, "v1");
        String outsider = "outsider-" + UUID.randomUUID().toString().substring(0, 8);
        Http admin = new Studio(port).admin();
        assertThat(admin.postJson("/api/users", "{\"username\":\"" + outsider + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\"}")
                .statusCode()).isEqualTo(201);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            WatchKey spool = spoolDirectory().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            assertThat(statusOfAPartlySentBody("/api/shows/" + slug + "/episodes", outsider + ":producer-pass-1"))
                    .isEqualTo(403);
            assertThat(spool.pollEvents()).as("files spooled for a producer without rights").isEmpty();
        }
    }

    /**
     * A client that sends its whole body before it reads (as a plain HTTP/1.1 client may) still reads
     * the whole refusal, and the connection ends in order: the server drains what it refused instead
     * of closing the connection on unread bytes, which resets it and discards the answer at a client
     * that had not read it yet (the body here, a torrent too large for {@code /verify} but within
     * what the server drains, was the size at which that happened now and then).
     */
    @Test
    void aClientThatSendsTheWholeRefusedBodyBeforeReadingStillReadsTheRefusal() throws IOException {
        byte[] body = new byte[WHOLE_BODY];
        try (Socket socket = verifyPostOf(body.length)) {
            OutputStream out = socket.getOutputStream();
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than any torrent we publish").endsWith("0\r\n\r\n");
        }
    }

    /**
     * A body far larger than the server drains is left unread, and the connection is closed in
     * the end; a client that reads while it writes (as browsers do) has the whole answer long
     * before, while it is still writing.
     */
    @Test
    void aClientStillSendingAFarLargerBodyReadsTheWholeRefusalWhileItWrites() throws Exception {
        byte[] body = new byte[(int) (24 * LingeringClose.BYTES)]; // far more than the sockets buffer too
        try (Socket socket = verifyPostOf(body.length)) {
            OutputStream out = socket.getOutputStream();
            AtomicBoolean sentWhole = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    out.write(body);
                    sentWhole.set(true);
                } catch (IOException closedByTheServer) {
                    // expected: the server stops reading past what it drains
                }
            });
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            // up to the answer's last chunk and no further: the server closes the connection only later
            for (int b; !answer.toString().endsWith("\r\n0\r\n\r\n") && (b = in.read()) != -1; ) {
                answer.append((char) b);
            }
            boolean stillWriting = writer.isAlive();
            socket.close();
            writer.join();
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("larger than any torrent we publish")
                    .endsWith("\r\n0\r\n\r\n");
            assertThat(stillWriting || !sentWhole.get()).as("the answer came while the body was still being sent").isTrue();
        }
    }

    /** A connection with the head of a multipart POST to {@code /verify} declaring {@code length} bytes sent. */
    private Socket verifyPostOf(int length) throws IOException {
        Socket socket = connected();
        socket.getOutputStream().write(("POST /verify HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private Socket connected() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Where Tomcat spools multipart parts: the configured location, else the context's temporary directory. */
    private Path spoolDirectory() {
        Path temp = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        String location = multipart.getLocation();
        if (location == null || location.isEmpty()) {
            return temp;
        }
        Path configured = Path.of(location);
        return configured.isAbsolute() ? configured : temp.resolve(configured);
    }

    /**
     * Declares a 50 MB multipart body, sends its head and 200 KB of the file part (more than the
     * in-memory threshold, so a server that reads it spools a file), and reads the status line. A
     * server that reads the body waits for the rest and never answers; the socket's read timeout
     * only guards against that hang.
     */
    private int statusOfAPartlySentBody(String path, String basicCredentials) throws IOException {
        try (Socket socket = connected()) {
            String boundary = "----seedcast" + UUID.randomUUID();
            StringBuilder head = new StringBuilder()
                    .append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Content-Type: multipart/form-data; boundary=").append(boundary).append("\r\n")
                    .append("Content-Length: ").append(DECLARED).append("\r\n");
            if (basicCredentials != null) {
                head.append("Authorization: Basic ")
                        .append(Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            head.append("\r\n--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"big.torrent\"\r\n")
                    .append("Content-Type: application/octet-stream\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            // a little of the body, less than the sockets' buffers hold: the write never waits on the
            // server, so a refusal that closes the connection first cannot break it
            out.write(new byte[16_384]);
            out.flush();
            return Integer.parseInt(statusLine(socket.getInputStream()).split(" ")[1]);
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
