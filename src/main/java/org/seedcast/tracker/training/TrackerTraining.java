package org.seedcast.tracker.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.seedcast.tracker.protocol.UdpCodec;

/**
 * A training workload for the JVM's ahead-of-time cache ({@code seedcast train}, JDK 25+): real
 * clients on loopback send the tracker what production sends it, through its real listeners, so
 * the classes and method profiles of every request path are in the cache and a freshly started
 * tracker answers its first requests with them (see the README, "Faster start").
 *
 * <p>Each peer has its own loopback address (127.0.2.1 and up, kept under the per-address budget)
 * and, per round, announces a tracked torrent and a foreign one over UDP (BEP 15) and HTTP,
 * compact and not, scrapes both, and sends one malformed announce. Then 127.0.0.1 blasts foreign
 * UDP announces without reading replies, as a flood does, so the rate-limit and drop paths are
 * trained too. Plain Java on purpose: only the tracker's own code is trained.
 */
public final class TrackerTraining {

    private static final int TIMEOUT_MILLIS = 5000;
    /** HTTP's {@code event} parameter for BEP 15's event codes: none, completed, started, stopped. */
    private static final String[] HTTP_EVENTS = {"", "&event=completed", "&event=started", "&event=stopped"};

    private TrackerTraining() {
    }

    /**
     * What the workload got back.
     *
     * @param udpAnswered UDP connects, announces and scrapes answered
     * @param httpAnswered HTTP announces and scrapes answered with a bencoded body (refusals included)
     * @param failures requests that got no answer in time or a wrong one
     * @param blastSent datagrams of the closing blast (not answered once over the budget, by design)
     */
    public record Result(long udpAnswered, long httpAnswered, long failures, long blastSent) {
    }

    /**
     * Runs the workload against a tracker on {@code host:port} (HTTP and UDP on the same port).
     *
     * @param tracked a 20-byte info-hash the tracker serves
     * @param peers distinct peers (source addresses), at most 60,000
     * @param rounds rounds per peer; at most 20 keeps each address within the default budget
     * @param blast foreign datagrams 127.0.0.1 sends at the end
     */
    public static Result run(InetAddress host, int port, byte[] tracked, int peers, int rounds, int blast)
            throws InterruptedException {
        InetSocketAddress tracker = new InetSocketAddress(host, port);
        AtomicLong udp = new AtomicLong();
        AtomicLong http = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 1; i <= peers; i++) {
                int n = i;
                all.add(pool.submit(() -> new Peer(n, tracker, tracked).train(rounds, udp, http, failures)));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.incrementAndGet();
                }
            }
        }
        long sent = blast(tracker, blast);
        return new Result(udp.get(), http.get(), failures.get(), sent);
    }

    private static long blast(InetSocketAddress tracker, int count) {
        if (count <= 0) {
            return 0;
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            Peer flooder = new Peer(0, tracker, new byte[20]);
            flooder.socket = socket;
            long connection = flooder.connect();
            long sent = 0;
            for (int i = 0; i < count; i++) {
                byte[] foreign = new byte[20];
                ThreadLocalRandom.current().nextBytes(foreign);
                byte[] packet = flooder.announce(connection, foreign, i, 0);
                socket.send(new DatagramPacket(packet, packet.length, tracker));
                sent++;
            }
            return sent;
        } catch (IOException e) {
            return 0;
        }
    }

    /** One peer on its own loopback address. */
    private static final class Peer {

        private final int n;
        private final InetSocketAddress tracker;
        private final byte[] tracked;
        private final InetAddress address;
        private final String peerId;
        private DatagramSocket socket;

        Peer(int n, InetSocketAddress tracker, byte[] tracked) {
            this.n = n;
            this.tracker = tracker;
            this.tracked = tracked;
            this.address = loopback(n);
            this.peerId = String.format("-SC0001-%012d", n);
        }

        private static InetAddress loopback(int n) {
            try {
                return InetAddress.getByAddress(new byte[] {127, 0, (byte) (2 + n / 256), (byte) (n % 256)});
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        void train(int rounds, AtomicLong udp, AtomicLong http, AtomicLong failures) {
            byte[] foreign = new byte[20];
            ThreadLocalRandom.current().nextBytes(foreign);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
                s.setSoTimeout(TIMEOUT_MILLIS);
                socket = s;
                long connection = connect();
                udp.incrementAndGet();
                for (int r = 0; r < rounds; r++) {
                    int event = r == 0 ? 2 : r == rounds - 1 ? 3 : 0; // started, then none, then stopped
                    count(udpAnnounce(connection, tracked, event), udp, failures);
                    count(udpAnnounce(connection, foreign, 0), udp, failures);
                    count(udpScrape(connection, foreign), udp, failures);
                    count(httpGet(announceQuery(tracked, event, r % 3 != 1)), http, failures);
                    count(httpGet(announceQuery(foreign, 0, true)), http, failures);
                    count(httpGet("/scrape?info_hash=" + escape(tracked) + "&info_hash=" + escape(foreign)), http, failures);
                    count(httpGet("/announce?info_hash=" + escape(tracked) + "&port=0"), http, failures); // refused: bad port
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }

        private static void count(boolean answered, AtomicLong ok, AtomicLong failures) {
            (answered ? ok : failures).incrementAndGet();
        }

        long connect() throws IOException {
            int transaction = ThreadLocalRandom.current().nextInt();
            ByteBuffer reply = exchange(ByteBuffer.allocate(UdpCodec.HEAD).putLong(UdpCodec.PROTOCOL_ID)
                    .putInt(UdpCodec.CONNECT).putInt(transaction).array());
            if (reply == null || reply.remaining() < 16 || reply.getInt() != UdpCodec.CONNECT
                    || reply.getInt() != transaction) {
                throw new IOException("no UDP connect reply");
            }
            return reply.getLong();
        }

        byte[] announce(long connection, byte[] hash, int transaction, int event) {
            return ByteBuffer.allocate(UdpCodec.ANNOUNCE_LENGTH).putLong(connection).putInt(UdpCodec.ANNOUNCE)
                    .putInt(transaction).put(hash).put(peerId.getBytes(StandardCharsets.US_ASCII)).putLong(0).putLong(n % 5 == 0 ? 0 : 1000).putLong(0).putInt(event).putInt(0).putInt(n)
                    .putInt(-1).putShort((short) (10000 + n % 50000)).array();
        }

        private boolean udpAnnounce(long connection, byte[] hash, int event) throws IOException {
            int transaction = ThreadLocalRandom.current().nextInt();
            ByteBuffer reply = exchange(announce(connection, hash, transaction, event));
            if (reply == null || reply.remaining() < 8) {
                return false;
            }
            int action = reply.getInt(); // or an error for a foreign hash when operators choose the error refusal
            return (action == UdpCodec.ANNOUNCE && reply.remaining() >= 16 || action == UdpCodec.ERROR)
                    && reply.getInt() == transaction;
        }

        private boolean udpScrape(long connection, byte[] foreign) throws IOException {
            int transaction = ThreadLocalRandom.current().nextInt();
            ByteBuffer reply = exchange(ByteBuffer.allocate(UdpCodec.HEAD + 40).putLong(connection).putInt(UdpCodec.SCRAPE)
                    .putInt(transaction).put(tracked).put(foreign).array());
            return reply != null && reply.remaining() == 8 + 2 * 12 && reply.getInt() == UdpCodec.SCRAPE
                    && reply.getInt() == transaction;
        }

        private ByteBuffer exchange(byte[] packet) throws IOException {
            socket.send(new DatagramPacket(packet, packet.length, tracker));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return ByteBuffer.wrap(p.getData(), 0, p.getLength());
        }

        private String announceQuery(byte[] hash, int event, boolean compact) {
            return "/announce?info_hash=" + escape(hash) + "&peer_id=" + peerId
                    + "&port=" + (10000 + n % 50000) + "&uploaded=0&downloaded=0&left=" + (n % 5 == 0 ? 0 : 1000)
                    + HTTP_EVENTS[event] + (compact ? "&compact=1" : "&compact=0");
        }

        private boolean httpGet(String target) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(address, 0));
                s.connect(tracker, TIMEOUT_MILLIS);
                s.setSoTimeout(TIMEOUT_MILLIS);
                s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: tracker\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                s.getInputStream().transferTo(out);
                String answer = out.toString(StandardCharsets.ISO_8859_1);
                return answer.startsWith("HTTP/1.1 200") && answer.contains("\r\n\r\nd");
            } catch (IOException e) {
                return false;
            }
        }

        private static String escape(byte[] hash) {
            StringBuilder b = new StringBuilder(60);
            for (byte x : hash) {
                b.append('%').append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            }
            return b.toString();
        }
    }
}
