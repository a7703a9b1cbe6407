package org.seedcast.web.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seedcast.support.RawHttp.closedByServer;
import static org.seedcast.support.RawHttp.readAnswer;
import static org.seedcast.support.RawHttp.trickledUntilClosed;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.Processor;
import org.apache.coyote.http2.Http2Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.support.BesideTheSuite;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Http2;

/**
 * F-07 on the web port, with raw sockets against a Tomcat that speaks {@link GuardedNioProtocol}: a
 * request head trickled byte by byte is closed at its deadline, an address beyond its limit has its
 * extra connections closed, a proxy's are not limited per address, and at capacity the connection
 * idle longest is shed for a newcomer. Tomcat's own timeout is a minute here, so only the rules close
 * connections.
 */
@BesideTheSuite
class GuardedNioProtocolTests {

    private static final String KEPT = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    @TempDir
    Path dir;

    private Tomcat tomcat;
    private GuardedNioProtocol protocol;
    private int port;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException, LifecycleException {
        for (Socket s : sockets) {
            s.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** A Tomcat on loopback whose servlet answers {@code ok} and the length of the body it read. */
    private void start(int total, int perAddress, Duration head, List<String> proxies) throws LifecycleException {
        start(new GuardedNioProtocol(), total, perAddress, head, proxies);
    }

    private void start(GuardedNioProtocol protocol, int total, int perAddress, Duration head, List<String> proxies)
            throws LifecycleException {
        this.protocol = protocol;
        protocol.guard(new ConnectionRules(total, perAddress, head, proxies));
        protocol.setConnectionTimeout(60_000);
        Connector connector = new Connector(protocol);
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", dir.toString());
        Tomcat.addServlet(context, "answer", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                long read = request.getInputStream().transferTo(OutputStream.nullOutputStream());
                response.getWriter().print("ok " + read);
            }
        });
        context.addServletMappingDecoded("/*", "answer");
        tomcat.start();
        port = connector.getLocalPort();
    }

    @Test
    void aClientTricklingItsRequestHeadIsClosedAtTheHeadDeadlineThoughItKeepsSending() throws Exception {
        start(64, 8, Duration.ofMillis(500), List.of());
        for (boolean keptConnection : new boolean[] {false, true}) {
            Socket s = connect("127.0.0.2");
            OutputStream out = s.getOutputStream();
            if (keptConnection) { // the deadline starts again once an answer is done
                out.write(KEPT.getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readAnswer(s.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok 0");
            }
            out.write("GET /".getBytes(StandardCharsets.ISO_8859_1));
            // one byte every 50 ms, for at most 20 s (Tomcat's own timeout, a minute, starts again with each): a slowloris
            boolean closed = trickledUntilClosed(s, 400);
            assertThat(closed).as("closed though it kept sending (kept connection: %s)", keptConnection).isTrue();
        }
        assertThat(protocol.closedConnections(Closed.HEAD_TIMEOUT)).as("counted for the metrics").isEqualTo(2);
    }

    @Test
    void aRequestWhoseHeadCameInTimeMaySendItsBodyPastTheHeadDeadline() throws Exception {
        start(64, 8, Duration.ofMillis(300), List.of());
        Socket s = connect("127.0.0.2");
        OutputStream out = s.getOutputStream();
        out.write("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 40; i++) { // 2 s of body, a byte every 50 ms: well past the head's 300 ms
            assertThat(closedByServer(s, 50)).as("closed while its body came").isFalse();
            out.write('b');
            out.flush();
        }
        assertThat(readAnswer(s.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok 40");
        assertThat(protocol.closedConnections(Closed.HEAD_TIMEOUT)).isZero();
    }

    @Test
    void anAddressOverItsConnectionLimitHasItsExtraConnectionsClosedAndOthersAreStillAnswered() throws Exception {
        start(64, 4, Duration.ofSeconds(60), List.of());
        List<Socket> within = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            within.add(connect("127.0.0.2"));
        }
        assertThat(ask(within.getFirst())).endsWith("ok 0"); // served, and kept
        Socket extra = connect("127.0.0.2");
        assertThat(closedByServer(extra, 5000)).as("the fifth connection of the address").isTrue();
        assertThat(protocol.closedConnections(Closed.ADDRESS_LIMIT)).as("counted for the metrics").isOne();
        assertThat(ask(connect("127.0.0.3"))).as("another address").endsWith("ok 0");
        for (Socket s : within) {
            assertThat(ask(s)).as("a connection within the limit").endsWith("ok 0");
        }
        within.getLast().close();
        String again = "";
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!again.endsWith("ok 0") && System.nanoTime() < until) { // until the server has seen the close
            again = askUnlessClosed(connect("127.0.0.2"));
        }
        assertThat(again).as("a connection once one of the address's has closed").endsWith("ok 0");
    }

    @Test
    void aProxysConnectionsAreNotLimitedPerAddress() throws Exception {
        start(64, 2, Duration.ofSeconds(60), List.of("127.0.0.4/32"));
        List<Socket> proxied = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            proxied.add(connect("127.0.0.4"));
        }
        for (Socket s : proxied) {
            assertThat(ask(s)).endsWith("ok 0");
        }
    }

    @Test
    void atCapacityTheConnectionIdleLongestIsShedForANewcomer() throws Exception {
        start(8, 8, Duration.ofSeconds(60), List.of());
        List<Socket> idle = new ArrayList<>();
        idle.add(connect("127.0.0.2")); // waiting for its first head since it was accepted, before any other
        for (int i = 1; i < 8; i++) { // capacity full: 7 more, each kept after an answer
            Socket s = connect("127.0.0.2");
            assertThat(ask(s)).endsWith("ok 0");
            idle.add(s);
        }
        assertThat(ask(connect("127.0.0.3"))).as("the newcomer").endsWith("ok 0");
        assertThat(closedByServer(idle.getFirst(), 5000)).as("the connection idle longest").isTrue();
        assertThat(protocol.closedConnections(Closed.SHED)).as("counted for the metrics").isOne();
        assertThat(protocol.openConnections()).isEqualTo(8);
        for (Socket s : idle.subList(1, 8)) {
            assertThat(ask(s)).as("the others").endsWith("ok 0");
        }
    }

    /**
     * A head is read on the poller until it is complete, then handed to Tomcat (GuardedEndpoint): one
     * that comes in pieces, on a fresh or a kept connection, is answered; so are a body sent with its
     * head and two requests sent at once.
     */
    @Test
    void aHeadThatComesInPiecesIsAnsweredAsOneSentWholeIs() throws Exception {
        start(64, 8, Duration.ofSeconds(60), List.of());
        Socket s = connect("127.0.0.2");
        for (int round = 0; round < 2; round++) { // fresh, then kept
            for (String piece : List.of("GE", "T / HTTP/1.1\r", "\nHost: t\r\n", "\r")) {
                s.getOutputStream().write(piece.getBytes(StandardCharsets.ISO_8859_1));
                assertThat(closedByServer(s, 30)).as("closed after %s", piece).isFalse(); // each piece a read of its own
            }
            s.getOutputStream().write('\n');
            assertThat(readAnswer(s.getInputStream())).as("round %d", round).startsWith("HTTP/1.1 200").endsWith("ok 0");
        }
        s.getOutputStream().write("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readAnswer(s.getInputStream())).as("a body sent with its head").endsWith("ok 5");
        s.getOutputStream().write((KEPT + KEPT).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readAnswer(s.getInputStream())).as("the first of two").endsWith("ok 0");
        assertThat(readAnswer(s.getInputStream())).as("the second of two").endsWith("ok 0");
    }

    /**
     * A head that fills the socket's read buffer (8 KiB) without ending is handed to Tomcat, whose own
     * limit (8 KiB too) refuses it, rather than waiting for its deadline. Exactly 8 KiB are sent, all of
     * which Tomcat reads: a close with bytes unread would be a reset that may discard the answer.
     */
    @Test
    void aHeadThatFillsTheReadBufferWithoutEndingIsRefusedByTomcat() throws Exception {
        start(64, 8, Duration.ofSeconds(60), List.of());
        Socket s = connect("127.0.0.2");
        String start = "GET / HTTP/1.1\r\nHost: t\r\nX-Long: ";
        s.getOutputStream().write((start + "a".repeat(8192 - start.length())).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400");
    }

    /**
     * The point of reading heads on the poller: a connection whose head is incomplete holds no Tomcat
     * processor (its head, request and answer buffers). Twenty such connections are open while one
     * other asks three times; Tomcat then has made one processor, which served the three. Were the
     * twenty given theirs at their first bytes, it would have made twenty-one.
     */
    @Test
    void aConnectionWhoseHeadIsIncompleteHoldsNoProcessor() throws Exception {
        AtomicInteger made = new AtomicInteger();
        start(new GuardedNioProtocol() {
            @Override
            protected Processor createProcessor() {
                made.incrementAndGet();
                return super.createProcessor();
            }
        }, 64, 64, Duration.ofSeconds(60), List.of());
        List<Socket> midHead = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = connect("127.0.0.2");
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.ISO_8859_1));
            midHead.add(s);
        }
        Socket asking = connect("127.0.0.3");
        for (int i = 0; i < 3; i++) {
            assertThat(ask(asking)).endsWith("ok 0");
        }
        assertThat(made).hasValue(1);
        for (Socket s : midHead) { // and each is answered once its head ends
            s.getOutputStream().write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readAnswer(s.getInputStream())).endsWith("ok 0");
        }
    }

    @Test
    void aHeadEndsAtItsFirstBlankLine() {
        for (String head : List.of("GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\n\n", "GET / HTTP/1.1\r\nHost: t\r\n\r\nGET")) {
            assertThat(GuardedEndpoint.headEnds(written(head), 0)).as(head).isTrue();
        }
        String before = "GET / HTTP/1.1\r\n\r";
        assertThat(GuardedEndpoint.headEnds(written(before + "\n"), before.length())).as("an end the last read began").isTrue();
        assertThat(GuardedEndpoint.headEnds(written("GET / HTTP/1.1\r\n\r\nGET"), 18)).as("only new bytes are looked at").isFalse();
        for (String head : List.of("", "\r", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: t\r\n\r", "GET /\r\r\n")) {
            assertThat(GuardedEndpoint.headEnds(written(head), 0)).as(head).isFalse();
        }
    }

    /** A buffer as the poller leaves it: {@code text} written from 0, the position after it, more room beyond. */
    private static ByteBuffer written(String text) {
        return ByteBuffer.allocate(64).put(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * HTTP/2 would pass the rules (see {@link GuardedNioProtocol}): asked for, as
     * {@code server.http2.enabled} asks Spring Boot, the web port does not start.
     */
    @Test
    void askedToSpeakHttpTwoTheWebPortDoesNotStart() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setBaseDirectory(dir.toFile());
        factory.setProtocol(GuardedNioProtocol.class.getName());
        Http2 http2 = new Http2();
        http2.setEnabled(true);
        factory.setHttp2(http2);
        assertThatThrownBy(factory::getWebServer).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP/1.1 only");
        assertThatThrownBy(() -> new Connector(new GuardedNioProtocol()).addUpgradeProtocol(new Http2Protocol()))
                .as("nor when added to the connector otherwise").isInstanceOf(IllegalStateException.class);
    }

    /**
     * A client asking to upgrade to HTTP/2 ({@code h2c}) is answered in HTTP/1.1, and one speaking it
     * from the start (prior knowledge) is closed: neither gets past the head rules.
     */
    @Test
    void aClientAskingForHttpTwoIsAnsweredInHttpOneAndOneSpeakingItIsClosed() throws Exception {
        start(64, 8, Duration.ofSeconds(60), List.of());
        Socket asking = connect("127.0.0.2");
        asking.getOutputStream().write(("GET / HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readAnswer(asking.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok 0");
        Socket speaking = connect("127.0.0.2");
        speaking.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        speaking.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
        assertThat(closedByServer(speaking, 5000)).as("closed without an answer").isTrue();
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static String ask(Socket s) throws IOException {
        s.getOutputStream().write(KEPT.getBytes(StandardCharsets.ISO_8859_1));
        return readAnswer(s.getInputStream());
    }

    private static String askUnlessClosed(Socket s) throws IOException {
        try {
            return ask(s);
        } catch (SocketException | EOFException closed) {
            return "";
        } finally {
            s.close();
        }
    }
}
