package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seedcast.support.RawHttp.closedByServer;
import static org.seedcast.support.RawHttp.readAnswer;
import static org.seedcast.support.RawHttp.trickledUntilClosed;
import static org.seedcast.tracker.netty.LoopbackHttp.http;
import static org.seedcast.tracker.netty.LoopbackHttp.readAll;
import static org.seedcast.tracker.netty.LoopbackHttp.socket;
import static org.seedcast.tracker.netty.LoopbackHttp.socketFrom;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedcast.support.TestRunSetup;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.ConnectionLimiter;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.UnknownTorrents;

/**
 * The contract of {@link HttpListener}, the same for both I/O paths: each test runs against the
 * io_uring listener and against Netty's epoll channels, on real sockets on an ephemeral loopback
 * port. Where the kernel does not offer io_uring (or epoll), that path's run is skipped, and says why.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Transport.class, names = {"IO_URING", "EPOLL"})
@BesideTheSuite
class HttpListenerContractTests {

    @Parameter
    Transport transport;

    static final byte[] PUBLISHED = new byte[20];
    static final String PUBLISHED_QUERY = "%01".repeat(20);
    private static final String SCRAPE_KEPT = "GET /scrape?info_hash=" + PUBLISHED_QUERY + " HTTP/1.1\r\nHost: t\r\n\r\n";

    static {
        Arrays.fill(PUBLISHED, (byte) 1);
    }

    private TrackerEngine engine;
    private EventLoopGroup loops;
    private HttpListener listener;
    private int port;

    @BeforeEach
    void start() {
        assumeTrue(transport.available(), () -> transport + " is not available here, so this path is not tested: "
                + (transport == Transport.IO_URING ? IoUring.unavailabilityCause() : Epoll.unavailabilityCause()));
        engine = servingPublished();
        listen(engine, 2, 4, Duration.ofMillis(700), Duration.ofSeconds(5), 2048, Duration.ofSeconds(1));
    }

    /** An engine that serves one torrent, {@link #PUBLISHED}, with budgets no test here exhausts. */
    static TrackerEngine servingPublished() {
        return servingPublished(new TrackerMetrics(new SimpleMeterRegistry()));
    }

    static TrackerEngine servingPublished(TrackerMetrics metrics) {
        AccessList access = new AccessList();
        access.allow(List.of(HashKey.of(PUBLISHED, 0)));
        return new TrackerEngine(TrackerDefaults.engine().withJitter(0),
                new SwarmStore(3600, SwarmStore.monotonicSeconds(), SwarmCaps.DEFAULTS.withPerAddress(1000)), // all from 127.0.0.1
                access, new UnknownTorrents(1000),
                new Bans(), new RateLimiter(1000, 10_000, 4096, System::currentTimeMillis),
                ConnectionIds.random(300), metrics, System::currentTimeMillis);
    }

    /**
     * Listens with {@code loops} event loops of the transport, each holding at most
     * {@code perLoop} connections, {@code perAddress} from one address.
     */
    private void listen(TrackerEngine engine, int loops, int perAddress, Duration idle, Duration head, int perLoop,
                        Duration tarpit) {
        this.loops = transport.group(loops, "contract-" + transport);
        listener = HttpListener.on(transport, engine, new ConnectionLimiter(perAddress), Scratch.perThread(200),
                new HttpListener.Limits(perLoop, Math.max(1, perLoop / 4), tarpit.toMillis(), head, idle));
        // below the ephemeral range: the port is bound again after each stop, and no outgoing connection may take it meanwhile
        port = listener.listen(this.loops, new InetSocketAddress("127.0.0.1", TestRunSetup.freePort()));
    }

    /**
     * Listens anew with small connection limits (F-07 at the scale of a test): {@code total}
     * connections over {@code loops} event loops, {@code perAddress} per address, and a head
     * deadline of {@code head}. The idle timeout is long, so that only the limits close connections.
     */
    private void restartGuarded(int loops, Duration head, int total, int perAddress) {
        stop();
        listen(engine, loops, perAddress, Duration.ofSeconds(60), head, (total + loops - 1) / loops, Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            loops = null;
        }
    }

    /** So that a burst of connections queued on one loop's socket does not hold up those of the other (SO_REUSEPORT). */
    @Test
    void eachEventLoopListensOnASocketOfItsOwn() throws Exception {
        // 127.0.0.1 as /proc/net/tcp writes it, and as tcp6 does for a dual-stack socket (Netty's native ones are)
        String hexPort = String.format(":%04X", port);
        Set<String> local = Set.of("0100007F" + hexPort, "0000000000000000FFFF00000100007F" + hexPort);
        long listening = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            listening += java.nio.file.Files.readAllLines(java.nio.file.Path.of(table)).stream()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields.length > 3 && local.contains(fields[1]) && fields[3].equals("0A")) // 0A: LISTEN
                    .count();
        }
        assertThat(listening).as("listening sockets on the tracker's port, one per event loop").isEqualTo(2);
    }

    @Test
    void answersAnHttpAnnounceAndCloses() throws Exception {
        String response = http(port, "/announce?info_hash=" + PUBLISHED_QUERY + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=0");
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 92\r\nConnection: close\r\n\r\n")
                .endsWith("d8:completei1e10:downloadedi0e10:incompletei0e8:intervali1800e12:min intervali300e5:peers0:e");
    }

    @Test
    void refusesForeignTorrentsWith200AndALongInterval() throws Exception {
        String response = http(port, "/announce?info_hash=" + "%02".repeat(20) + "&peer_id=-TR3000-abcdefghijkl&port=6881&left=1");
        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("8:intervali7200e");
    }

    @Test
    void keepsTheConnectionForKeepAliveAndReadsHeadsSplitAcrossPackets() throws Exception {
        try (Socket s = socket(port)) {
            OutputStream out = s.getOutputStream();
            String request = "GET /scrape?info_hash=" + PUBLISHED_QUERY + " HTTP/1.1\r\nHost: t\r\n\r\n";
            out.write(request.substring(0, 20).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(50);
            out.write(request.substring(20).getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String both = readAll(s);
            assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(both).contains("Connection: keep-alive").contains("Connection: close");
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (Socket s = socket(port)) {
            String scrape = "GET /scrape?info_hash=" + PUBLISHED_QUERY + " HTTP/1.1\r\nHost: t\r\n\r\n";
            String last = "GET /nowhere HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write((scrape + scrape + last).getBytes(StandardCharsets.ISO_8859_1)); // one write
            String all = readAll(s);
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(all.indexOf("HTTP/1.1 404")).isGreaterThan(all.lastIndexOf("HTTP/1.1 200 OK"));
        }
    }

    @Test
    void sendsAnswersLargerThanAConnectionsOwnBufferWhole() throws Exception {
        for (int i = 0; i < 80; i++) {
            http(port, "/announce?info_hash=" + PUBLISHED_QUERY + "&peer_id=-qB4500-" + "%06d".formatted(i) + "abcdef"
                    + "&port=" + (7000 + i) + "&left=0");
        }
        String response = http(port, "/announce?info_hash=" + PUBLISHED_QUERY
                + "&peer_id=-TR3000-abcdefghijkl&port=6999&left=5&compact=0&numwant=80");
        int body = response.indexOf("\r\n\r\n") + 4;
        assertThat(response.length() - body).isGreaterThan(2048); // over RingHttpListener's per-slot room
        assertThat(response).contains("Content-Length: " + (response.length() - body)).endsWith("ee");
        assertThat(response.split("4:porti", -1)).hasSize(81);
    }

    @Test
    void servesMoreConcurrentConnectionsThanOneBlockOfSlots() throws Exception {
        // no deadline in reach: on a busy machine, opening them all can take longer than the 700 ms idle timeout
        restartGuarded(2, Duration.ofSeconds(60), 4096, 4);
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < SlotMemory.BLOCK * 2 + 20; i++) { // each from its own loopback address
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) (2 + i / 250), (byte) (1 + i % 250)}), 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("GET /scrape?info_hash=".getBytes(StandardCharsets.ISO_8859_1));
                open.add(s);
            }
            for (Socket s : open) {
                s.getOutputStream().write((PUBLISHED_QUERY + " HTTP/1.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            for (Socket s : open) {
                assertThat(readAll(s)).startsWith("HTTP/1.1 200 OK").endsWith("ee");
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void stoppingClosesOpenConnectionsAndFreesThePort() throws Exception {
        // ten times: on Netty's channels, the event loops' shutdown alone left about one in eight open
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                stop();
                start();
            }
            try (Socket s = socket(port)) {
                s.getOutputStream().write("GET /announce?info_hash=".getBytes(StandardCharsets.ISO_8859_1));
                Thread.sleep(20); // accepted and waiting for the rest
                listener.close();
                assertThat(closedByTheServer(s)).as("round %d", round).isTrue();
            }
            // nothing holds the listening socket: on io_uring the kernel lets go of a cancelled accept's socket
            // just after reporting it, so the port is free a moment after close returns, not always at once
            await("round " + round + ": the port free again").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10)).until(() -> bindable(port));
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
            return again.getLocalPort() == port;
        } catch (IOException inUse) {
            return false;
        }
    }

    /**
     * The server closed the connection: an end of stream, or a reset when it closed before reading
     * what the client had sent (the kernel then answers with RST, not FIN). A read that times out fails.
     */
    private static boolean closedByTheServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void answersOtherPathsAndOversizedHeadsWithoutResetting() throws Exception {
        assertThat(http(port, "/favicon.ico")).startsWith("HTTP/1.1 404 Not Found");
        assertThat(http(port, "/announce?x=" + "a".repeat(5000))).startsWith("HTTP/1.1 431");
        for (int size : new int[] {6000, 20_000, 100_000}) { // beyond what the ring listener reads of a head
            assertThat(http(port, "/announce?x=" + "a".repeat(size))).as("%d bytes", size).startsWith("HTTP/1.1 431");
        }
        try (Socket s = socket(port)) {
            s.getOutputStream().write("\u0016\u0003\u0001\u0000 hello\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readAll(s)).startsWith("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void connectionsBeyondThePerAddressLimitGetACheapRefusal() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket slow = socket(port); // a slow client: half a request, then nothing
                slow.getOutputStream().write("GET /announce?info_hash=".getBytes(StandardCharsets.ISO_8859_1));
                held.add(slow);
            }
            // once the tracker has counted the held connections, which on a busy machine takes a moment
            String response = await("the refusal of one connection too many").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> http(port, "/announce?info_hash=" + PUBLISHED_QUERY + "&peer_id=-qB4500-abcdefghijkl&port=1&left=0"),
                            answer -> answer.contains("too many connections"));
            assertThat(response).startsWith("HTTP/1.1 200 OK").contains("too many connections from your address");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * The tarpit holds for a minute here, longer than any read in this class waits: the answer over
     * budget must come within a read's wait, and the held one must not (no bound on how fast anything runs).
     */
    @Test
    void anAddressFarOverItsBudgetGetsTheSameRefusalButOnlyAfterADelay() throws Exception {
        TrackerEngine strict = new TrackerEngine(TrackerDefaults.engine().withJitter(0),
                new SwarmStore(3600, SwarmStore.monotonicSeconds()), new AccessList(), new UnknownTorrents(1000),
                new Bans(), new RateLimiter(0.001, 1, 4096, System::currentTimeMillis),
                ConnectionIds.random(300), new TrackerMetrics(new SimpleMeterRegistry()), System::currentTimeMillis);
        stop();
        listen(strict, 2, 4, Duration.ofMinutes(2), Duration.ofSeconds(5), 2048, Duration.ofMinutes(1));
        String announce = "/announce?info_hash=" + "%02".repeat(20) + "&peer_id=-TR3000-abcdefghijkl&port=6881&left=1";
        assertThat(http(port, announce)).contains("only serves"); // the one request of the burst
        assertThat(http(port, announce)).as("over budget: answered at once, not held for the minute")
                .startsWith("HTTP/1.1 200 OK").contains("Connection: close")
                .contains("too many requests from your address").contains("8:intervali3600e");
        try (Socket held = socket(port)) { // far over it: the same answer, held back
            held.getOutputStream().write(("GET " + announce + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            held.setSoTimeout(1000);
            assertThatThrownBy(() -> held.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void closesIdleConnections() throws Exception {
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            assertThat(in.read()).isEqualTo(-1); // closed by the server, not timed out here
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        }
    }

    @Test
    void aClientTricklingItsRequestHeadIsClosedAtTheHeadDeadlineThoughItKeepsSending() throws Exception {
        restartGuarded(2, Duration.ofMillis(300), 64, 8);
        for (boolean keptConnection : new boolean[] {false, true}) {
            try (Socket s = socketFrom(2, port)) {
                OutputStream out = s.getOutputStream();
                if (keptConnection) { // the deadline starts again with each request on a kept connection
                    out.write(SCRAPE_KEPT.getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(readAnswer(s.getInputStream())).startsWith("HTTP/1.1 200 OK").contains("keep-alive");
                }
                out.write("GET /announce?info_hash=".getBytes(StandardCharsets.ISO_8859_1));
                // one byte every 50 ms, for at most 10 s (the idle timeout is 60 s): a slowloris
                boolean closed = trickledUntilClosed(s, 200);
                assertThat(closed).as("closed though it kept sending (kept connection: %s)", keptConnection).isTrue();
            }
        }
    }

    @Test
    void anAddressOverItsConnectionLimitHasItsExtraConnectionsClosedAndOthersAreStillAnswered() throws Exception {
        restartGuarded(2, Duration.ofSeconds(60), 64, 8);
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) { // more than the listener's capacity, from one address, half a request each
                Socket s = socketFrom(2, port);
                s.getOutputStream().write("GET /announce?info_hash=".getBytes(StandardCharsets.ISO_8859_1));
                flood.add(s);
            }
            List<Socket> open = new ArrayList<>(flood);
            for (int round = 0; round < 200 && open.size() > 8; round++) { // bounded: at most some 10 s
                for (var it = open.iterator(); it.hasNext(); ) {
                    if (closedByServer(it.next(), 1)) {
                        it.remove();
                    }
                }
            }
            assertThat(open).as("connections of the address left open").hasSize(8);
            try (Socket other = socketFrom(3, port)) {
                other.getOutputStream().write(("GET /announce?info_hash=" + PUBLISHED_QUERY
                        + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=0 HTTP/1.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readAll(other)).startsWith("HTTP/1.1 200 OK").contains("8:intervali1800e");
            }
            for (Socket s : open) {
                assertThat(closedByServer(s, 1)).as("a connection within the limit").isFalse();
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    @Test
    void atCapacityTheConnectionWaitingLongestIsShedForANewcomer() throws Exception {
        restartGuarded(1, Duration.ofSeconds(60), 64, 8); // one HTTP event loop: the order of connections is known
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) { // capacity full: 8 addresses, 8 kept connections each
                Socket s = socketFrom(10 + i / 8, port);
                s.getOutputStream().write(SCRAPE_KEPT.getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readAnswer(s.getInputStream())).startsWith("HTTP/1.1 200 OK");
                idle.add(s);
            }
            // the oldest starts trickling its next request: the most recently active, still the oldest
            idle.getFirst().getOutputStream().write('G');
            try (Socket newcomer = socketFrom(30, port)) {
                newcomer.getOutputStream().write(("GET /announce?info_hash=" + PUBLISHED_QUERY
                        + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=0 HTTP/1.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readAll(newcomer)).startsWith("HTTP/1.1 200 OK").contains("8:intervali1800e");
            }
            boolean shed = false;
            for (int round = 0; round < 100 && !shed; round++) {
                shed = closedByServer(idle.getFirst(), 100);
            }
            assertThat(shed).as("the oldest waiting connection was shed").isTrue();
            assertThat(closedByServer(idle.getLast(), 1)).as("the newest still open").isFalse();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }
}
