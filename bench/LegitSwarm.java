import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The legitimate side of the flood scenario: PEERS peers of one published torrent, each on its own
 * loopback address (127.0.1.1 and up), each announcing about once every INTERVAL seconds, half over
 * UDP (BEP 15) and half over HTTP (a new connection per announce). An announce fails if it times out
 * (2 s) or is refused. Prints p50/p99 per transport and the failures, for the whole run, for its
 * first CALM seconds (before the flood begins: the tracker is serving its swarm as it would be when
 * a flood starts, and its JVM compiles its hot code) and for the rest (during the flood). This client
 * warms itself up first against a stand-in tracker of its own, so its figures are the tracker's.
 *
 * usage: java bench/LegitSwarm.java HOST PORT INFO_HASH_HEX SECONDS [PEERS=1000] [INTERVAL=20] [CALM=0]
 * <p>
 * With LATENCY_LOG=FILE in the environment, every measured announce is written to FILE as one line:
 * its start ({@code System.nanoTime()}, the kernel's monotonic clock, which {@code trace_clock mono}
 * shares), how long it took in nanoseconds, the transport and whether it was answered; when the
 * slowest ones fall tells a periodic stall from a steady tail.
 * <p>
 * With HOST a comma-separated list (T1,T2,...) the peers fail over as a BEP 12 client does: each
 * has every host in one tier, starting on one of them in turn (half on each of two), and when its
 * tracker fails (UDP: no answer to two tries of 1 s; HTTP: refused or no answer in 2 s) it moves to
 * the next host and retries at once, staying where it was answered. A FAILURE is then an announce
 * that no host of the tier answered. After CALM seconds of announcing, {@code kill -9 KILL_PID}
 * (the process serving the first host) if given, and a probe asks the second host every 0.5 s,
 * over HTTP with a numwant above PEERS (the tracker's max-peers must allow it), whether it lists
 * every peer the first host answered last. Prints p50/p99 before and after the kill, failovers and
 * how long each took, announces answered per host, that probe's result, and the same as one JSON
 * line ("json {...}") for bench/cluster-topology.sh.
 *
 * usage: java bench/LegitSwarm.java HOST,HOST... PORT INFO_HASH_HEX SECONDS [PEERS] [INTERVAL] [CALM] [KILL_PID]
 */
public class LegitSwarm {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] hash = HexFormat.of().parseHex(args[2]);
        long seconds = Long.parseLong(args[3]);
        int peers = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int interval = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int calm = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        if (host.contains(",")) {
            new Tier(host.split(","), port, hash, seconds, peers, interval, calm, args.length > 7 ? args[7] : null).run();
            return;
        }
        ConcurrentLinkedQueue<Long> udp = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> http = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> udpCalm = new ConcurrentLinkedQueue<>(); // sent in the first CALM seconds
        ConcurrentLinkedQueue<Long> httpCalm = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> udpFlood = new ConcurrentLinkedQueue<>(); // sent after them
        ConcurrentLinkedQueue<Long> httpFlood = new ConcurrentLinkedQueue<>();
        long floodStart = System.nanoTime() + calm * 1_000_000_000L;
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger floodFailures = new AtomicInteger();
        AtomicInteger udpFailures = new AtomicInteger();
        warmUp(hash, peers);
        String logFile = System.getenv("LATENCY_LOG");
        ConcurrentLinkedQueue<String> log = logFile == null || logFile.isEmpty() ? null : new ConcurrentLinkedQueue<>();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(16);
        for (int i = 0; i < peers; i++) {
            int n = i + 1;
            InetAddress address = address(n);
            boolean overUdp = i % 2 == 0;
            Peer peer = new Peer(address, n, new InetSocketAddress[] {new InetSocketAddress(host, port)}, hash, false);
            long delay = (long) i * interval * 1000 / peers; // spread over the interval
            pool.scheduleAtFixedRate(() -> {
                long start = System.nanoTime();
                boolean ok = overUdp ? peer.udpAnnounce() : peer.httpAnnounce();
                long took = System.nanoTime() - start;
                if (log != null) {
                    log.add(start + " " + took + " " + (overUdp ? "udp" : "http") + " " + ok);
                }
                boolean flood = start - floodStart >= 0;
                if (ok) {
                    (overUdp ? udp : http).add(took);
                    if (flood) {
                        (overUdp ? udpFlood : httpFlood).add(took);
                    } else {
                        (overUdp ? udpCalm : httpCalm).add(took);
                    }
                } else {
                    failures.incrementAndGet();
                    if (overUdp) {
                        udpFailures.incrementAndGet();
                    }
                    if (flood) {
                        floodFailures.incrementAndGet();
                    }
                }
            }, delay, interval * 1000L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        if (log != null) {
            Files.write(Path.of(logFile), log);
        }
        System.out.printf("legitimate announces: udp %s; http %s; failures %d (udp %d, http %d)%n",
                stats(udp), stats(http), failures.get(), udpFailures.get(), failures.get() - udpFailures.get());
        if (calm > 0) {
            System.out.printf("  before the flood (first %d s, the tracker just started): udp %s; http %s%n", calm,
                    stats(udpCalm), stats(httpCalm));
            System.out.printf("  during the flood: udp %s; http %s; failures %d%n", stats(udpFlood), stats(httpFlood),
                    floodFailures.get());
        }
    }

    /**
     * Runs this client's own code (sockets, formatting, parsing) against a stand-in tracker on
     * loopback before the first measured announce, so that the first seconds' figures are the
     * tracker's and not this JVM's class loading and compiling. The real tracker sees nothing of it.
     */
    private static void warmUp(byte[] hash, int peers) throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             ServerSocket http = new ServerSocket()) {
            http.bind(new InetSocketAddress("127.0.0.1", udp.getLocalPort()));
            Thread.ofPlatform().daemon().start(() -> {
                byte[] in = new byte[2048];
                while (true) {
                    try {
                        DatagramPacket p = new DatagramPacket(in, in.length);
                        udp.receive(p);
                        ByteBuffer q = ByteBuffer.wrap(in, 0, p.getLength());
                        int action = q.getInt(8);
                        byte[] reply = action == 0
                                ? ByteBuffer.allocate(16).putInt(0).putInt(q.getInt(12)).putLong(42).array()
                                : ByteBuffer.allocate(20).putInt(1).putInt(q.getInt(12)).putInt(1800).putInt(0).putInt(0).array();
                        udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Thread.ofPlatform().daemon().start(() -> {
                byte[] body = "d8:completei0e10:incompletei0e8:intervali1800e5:peers0:e".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    try (Socket s = http.accept()) {
                        byte[] request = new byte[4096];
                        int n = 0;
                        while (n < 4 || !new String(request, n - 4, 4, StandardCharsets.US_ASCII).equals("\r\n\r\n")) {
                            n += s.getInputStream().read(request, n, request.length - n);
                        }
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().write(body);
                    } catch (Exception e) {
                        if (http.isClosed()) {
                            return;
                        }
                    }
                }
            });
            InetSocketAddress standIn = new InetSocketAddress("127.0.0.1", udp.getLocalPort());
            for (int i = 0; i < 2000; i++) {
                int n = i % peers + 1;
                Peer peer = new Peer(address(n), n, new InetSocketAddress[] {standIn}, hash, false);
                if (!peer.udpAnnounce() || !peer.httpAnnounce()) {
                    throw new IllegalStateException("the warm-up's stand-in tracker did not answer");
                }
                peer.socket.close();
            }
        }
    }

    /** The peers as BEP 12 clients of a tier of hosts (see the class comment), and the kill. */
    record Tier(String[] hosts, int port, byte[] hash, long seconds, int peers, int interval, int calm, String killPid) {

        @SuppressWarnings("unchecked")
        void run() throws Exception {
            InetSocketAddress[] trackers = new InetSocketAddress[hosts.length];
            for (int i = 0; i < hosts.length; i++) {
                trackers[i] = new InetSocketAddress(hosts[i], port);
            }
            // [transport][0 before the kill, 1 after]: the answering exchange's time
            ConcurrentLinkedQueue<Long>[][] answered = new ConcurrentLinkedQueue[2][2];
            AtomicInteger[][] failures = new AtomicInteger[2][2];
            AtomicInteger[][] perHost = new AtomicInteger[hosts.length][2];
            // [transport]: from an announce's first try to the answer of another host
            ConcurrentLinkedQueue<Long>[] failovers = new ConcurrentLinkedQueue[] {new ConcurrentLinkedQueue<>(),
                new ConcurrentLinkedQueue<>()};
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < 2; k++) {
                    answered[t][k] = new ConcurrentLinkedQueue<>();
                    failures[t][k] = new AtomicInteger();
                }
            }
            for (AtomicInteger[] h : perHost) {
                h[0] = new AtomicInteger();
                h[1] = new AtomicInteger();
            }
            warmUp(hash, peers);
            Peer[] all = new Peer[peers];
            // a UDP tracker that died holds each of its peers' threads for two timeouts
            ScheduledExecutorService pool = Executors.newScheduledThreadPool(64);
            long began = System.nanoTime();
            Probe probe = new Probe(all, trackers[1 % trackers.length], hash, peers);
            for (int i = 0; i < peers; i++) {
                int n = i + 1;
                int transport = i % 2; // 0: UDP, 1: HTTP
                Peer peer = new Peer(address(n), n, trackers, hash, true);
                peer.current = (i / 2) % trackers.length; // each transport starts evenly on every host
                all[i] = peer;
                long delay = (long) i * interval * 1000 / peers;
                pool.scheduleAtFixedRate(() -> {
                    long start = System.nanoTime();
                    int first = peer.current;
                    boolean ok = peer.announce(transport == 0);
                    int after = probe.killed(start) ? 1 : 0;
                    if (!ok) {
                        failures[transport][after].incrementAndGet();
                        return;
                    }
                    answered[transport][after].add(peer.answerNanos);
                    perHost[peer.answeredBy][after].incrementAndGet();
                    if (peer.answeredBy != first) {
                        failovers[transport].add(System.nanoTime() - start);
                    }
                }, delay, interval * 1000L, TimeUnit.MILLISECONDS);
            }
            pool.schedule(() -> probe.kill(killPid, began), calm, TimeUnit.SECONDS);
            pool.scheduleAtFixedRate(probe::sample, calm * 1000L + 500, 500, TimeUnit.MILLISECONDS);
            Thread.sleep(seconds * 1000);
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);

            int failed = failures[0][0].get() + failures[0][1].get() + failures[1][0].get() + failures[1][1].get();
            System.out.printf("legitimate announces (BEP 12 tier %s): udp %s; http %s; failures %d (udp %d, http %d)%n",
                    String.join(", ", hosts), stats(join(answered[0])), stats(join(answered[1])), failed,
                    failures[0][0].get() + failures[0][1].get(), failures[1][0].get() + failures[1][1].get());
            System.out.printf("  before the kill (first %d s): udp %s; http %s; failures %d%n", calm,
                    stats(answered[0][0]), stats(answered[1][0]), failures[0][0].get() + failures[1][0].get());
            System.out.printf("  after the kill: udp %s; http %s; failures %d%n", stats(answered[0][1]),
                    stats(answered[1][1]), failures[0][1].get() + failures[1][1].get());
            System.out.printf("  failovers (an announce's first try to another host's answer): udp %s; http %s%n",
                    stats(failovers[0]), stats(failovers[1]));
            StringBuilder hostsLine = new StringBuilder("  answered per host (before / after the kill):");
            for (int h = 0; h < hosts.length; h++) {
                hostsLine.append(String.format(" %s %d / %d;", hosts[h], perHost[h][0].get(), perHost[h][1].get()));
            }
            System.out.println(hostsLine);
            System.out.printf("  %s%n", probe.summary(hosts[0], hosts[1 % hosts.length], interval));
            System.out.printf("json {\"failures\": %d, \"failures_after_kill\": %d, "
                            + "\"failovers\": {\"udp\": %s, \"http\": %s}, \"before\": {\"udp\": %s, \"http\": %s}, "
                            + "\"after\": {\"udp\": %s, \"http\": %s}, \"answered_after\": [%s], %s, \"interval_s\": %d}%n",
                    failed, failures[0][1].get() + failures[1][1].get(), json(failovers[0]), json(failovers[1]),
                    json(answered[0][0]), json(answered[1][0]), json(answered[0][1]), json(answered[1][1]),
                    java.util.Arrays.stream(perHost).map(h -> String.valueOf(h[1].get()))
                            .collect(java.util.stream.Collectors.joining(", ")),
                    probe.json(), interval);
        }

        private static ConcurrentLinkedQueue<Long> join(ConcurrentLinkedQueue<Long>[] parts) {
            ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>(parts[0]);
            all.addAll(parts[1]);
            return all;
        }

        private static String json(ConcurrentLinkedQueue<Long> q) {
            long[] a = sorted(q);
            return a.length == 0 ? "null" : String.format("{\"n\": %d, \"p50_ms\": %s, \"p99_ms\": %s, \"max_ms\": %s}",
                    a.length, ms(a[a.length / 2]), ms(a[(int) Math.min(a.length - 1, a.length * 0.99)]), ms(a[a.length - 1]));
        }

        private static String ms(long nanos) {
            return String.format("%.2f", nanos / 1e6);
        }
    }

    /**
     * Kills the first host's process, then asks the survivor who it lists: whether every peer the
     * dead host answered last is among them, at the kill and after, and when all of them are.
     */
    static final class Probe {
        private final Peer[] peers;
        private final InetSocketAddress survivor;
        private final Peer asker;
        private final int numwant;
        private volatile long killedAt;
        private volatile boolean killed;
        private volatile java.util.Set<Long> orphans; // the dead host's peers, as address << 16 | port
        private volatile int listedAtKill = -1;
        private int fewestAfter = Integer.MAX_VALUE;
        private int samples;
        private long allListedAfter = -1;

        Probe(Peer[] peers, InetSocketAddress survivor, byte[] hash, int count) throws Exception {
            this.peers = peers;
            this.survivor = survivor;
            this.asker = new Peer(InetAddress.getByAddress(new byte[] {127, 0, 5, 1}), 0, new InetSocketAddress[] {survivor},
                    hash, true);
            this.numwant = count + 100;
        }

        void kill(String pid, long began) {
            java.util.Set<Long> theirs = new java.util.HashSet<>();
            for (Peer p : peers) {
                if (p.answeredBy == 0) {
                    theirs.add(key(p.address.getAddress(), 10000 + p.n));
                }
            }
            orphans = theirs;
            listedAtKill = listed();
            try {
                if (pid != null) {
                    new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // once kill has returned: what began before may still have been answered by the process
            killedAt = System.nanoTime();
            killed = true;
            System.out.printf("killed %s after %.1f s, %d peers last answered by it%n", pid,
                    (killedAt - began) / 1e9, theirs.size());
            System.out.flush();
        }

        /** Whether an announce begun at {@code nanos} began after the kill. */
        boolean killed(long nanos) {
            return killed && nanos - killedAt >= 0;
        }

        synchronized void sample() {
            if (orphans == null) {
                return;
            }
            int listed = listed();
            long at = System.nanoTime() - killedAt;
            samples++;
            fewestAfter = Math.min(fewestAfter, listed);
            if (allListedAfter < 0 && listed == orphans.size()) {
                allListedAfter = at;
            }
        }

        /** How many of the dead host's peers the survivor lists now (-1: it did not answer). */
        private int listed() {
            String answer = asker.http(survivor, asker.address, "-LS0001-PROBE0000000", 9999, 1000,
                    "&numwant=" + numwant);
            int at = answer == null ? -1 : answer.indexOf("5:peers");
            if (at < 0) {
                return -1;
            }
            int colon = answer.indexOf(':', at + 7);
            int length = Integer.parseInt(answer.substring(at + 7, colon));
            byte[] compact = answer.substring(colon + 1, colon + 1 + length).getBytes(StandardCharsets.ISO_8859_1);
            int count = 0;
            for (int o = 0; o + 6 <= compact.length; o += 6) {
                int port = (compact[o + 4] & 0xff) << 8 | compact[o + 5] & 0xff;
                if (orphans.contains(key(java.util.Arrays.copyOfRange(compact, o, o + 4), port))) {
                    count++;
                }
            }
            return count;
        }

        private static long key(byte[] address, int port) {
            return (ByteBuffer.wrap(address).getInt() & 0xffffffffL) << 16 | port;
        }

        synchronized String summary(String dead, String survivor, int interval) {
            return String.format("%s's peers (last answered by it at the kill): %d; listed by %s at the kill: %d; "
                            + "after it, fewest listed %d in %d probes, all listed %s (interval %d s)", dead,
                    orphans == null ? 0 : orphans.size(), survivor, listedAtKill, samples == 0 ? -1 : fewestAfter, samples,
                    allListedAfter < 0 ? "NEVER" : String.format("%.0f ms after the kill", allListedAfter / 1e6), interval);
        }

        synchronized String json() {
            return String.format("\"orphans\": %d, \"listed_at_kill\": %d, \"fewest_listed_after\": %d, "
                            + "\"probes\": %d, \"all_listed_after_ms\": %s", orphans == null ? 0 : orphans.size(),
                    listedAtKill, samples == 0 ? -1 : fewestAfter, samples,
                    allListedAfter < 0 ? "null" : String.format("%.0f", allListedAfter / 1e6));
        }
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> q) {
        return q.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Peer n's own loopback address: 127.0.1.1 and up. */
    static InetAddress address(int n) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + n / 256), (byte) (n % 256)});
    }

    private static String stats(ConcurrentLinkedQueue<Long> q) {
        long[] a = sorted(q);
        if (a.length == 0) {
            return "none";
        }
        return String.format("%d ok, p50 %.2f ms, p99 %.2f ms, max %.2f ms", a.length,
                a[a.length / 2] / 1e6, a[(int) Math.min(a.length - 1, a.length * 0.99)] / 1e6, a[a.length - 1] / 1e6);
    }

    static final class Peer {
        final InetAddress address;
        final int n;
        final InetSocketAddress[] trackers;
        final byte[] hash;
        /** A tier's client retries a silent UDP tracker once, briefly, before it moves on. */
        final int udpTries;
        final int udpTimeout;
        final long[] connectionIds;
        final long[] connectedAt;
        DatagramSocket socket;
        /** The tracker of the tier this peer asks first: the one that answered it last. */
        volatile int current;
        /** The tracker that answered last (-1: none yet), and how long that answer took. */
        volatile int answeredBy = -1;
        long answerNanos;

        Peer(InetAddress address, int n, InetSocketAddress[] trackers, byte[] hash, boolean tier) {
            this.address = address;
            this.n = n;
            this.trackers = trackers;
            this.hash = hash;
            this.udpTries = tier ? 2 : 1;
            this.udpTimeout = tier ? 1000 : 2000;
            this.connectionIds = new long[trackers.length];
            this.connectedAt = new long[trackers.length];
        }

        /** Whether the peer's current tracker answered; in a tier, moving on to the next while they fail. */
        boolean announce(boolean overUdp) {
            for (int tried = 0; tried < trackers.length; tried++) {
                long began = System.nanoTime();
                if (overUdp ? udpAnnounce() : httpAnnounce()) {
                    answerNanos = System.nanoTime() - began;
                    answeredBy = current;
                    return true;
                }
                connectedAt[current] = 0;
                current = (current + 1) % trackers.length;
            }
            return false;
        }

        synchronized boolean udpAnnounce() {
            try {
                if (socket == null) {
                    socket = new DatagramSocket(new InetSocketAddress(address, 0));
                    socket.setSoTimeout(udpTimeout);
                }
                int t = current;
                if (connectedAt[t] == 0 || System.nanoTime() - connectedAt[t] > 50_000_000_000L) {
                    ByteBuffer reply = exchange(ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(n).array());
                    if (reply == null || reply.getInt() != 0) {
                        return false;
                    }
                    reply.getInt();
                    connectionIds[t] = reply.getLong();
                    connectedAt[t] = System.nanoTime();
                }
                byte[] announce = ByteBuffer.allocate(98).putLong(connectionIds[t]).putInt(1).putInt(n).put(hash)
                        .put(String.format("-LS0001-%012d", n).getBytes(StandardCharsets.US_ASCII))
                        .putLong(0).putLong(n % 5 == 0 ? 0 : 1000).putLong(0).putInt(0).putInt(0).putInt(n).putInt(-1)
                        .putShort((short) (10000 + n)).array();
                ByteBuffer reply = exchange(announce);
                return reply != null && reply.getInt() == 1 && reply.getInt() == n && reply.getInt() < 7200;
            } catch (Exception e) {
                return false;
            }
        }

        private ByteBuffer exchange(byte[] packet) throws Exception {
            for (int attempt = 1; ; attempt++) {
                socket.send(new DatagramPacket(packet, packet.length, trackers[current]));
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(p);
                    return ByteBuffer.wrap(p.getData(), 0, p.getLength());
                } catch (SocketTimeoutException e) {
                    if (attempt >= udpTries) {
                        throw e;
                    }
                }
            }
        }

        boolean httpAnnounce() {
            String answer = http(trackers[current], address, String.format("-LS0001-%012d", n), 10000 + n,
                    n % 5 == 0 ? 0 : 1000, "");
            return answer != null && answer.startsWith("HTTP/1.") && answer.contains("\r\n\r\nd8:complete");
        }

        /** An HTTP announce of `hash` from `from`, on a new connection; the whole answer, or null on an error. */
        String http(InetSocketAddress tracker, InetAddress from, String peerId, int port, int left, String more) {
            StringBuilder q = new StringBuilder("/announce?info_hash=");
            for (byte b : hash) {
                q.append('%').append(String.format("%02x", b));
            }
            q.append("&peer_id=").append(peerId).append("&port=").append(port)
                    .append("&uploaded=0&downloaded=0&left=").append(left).append("&compact=1").append(more);
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(tracker, 2000);
                s.setSoTimeout(2000);
                s.getOutputStream().write(("GET " + q + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                s.getInputStream().transferTo(out);
                return out.toString(StandardCharsets.ISO_8859_1);
            } catch (Exception e) {
                return null;
            }
        }
    }
}
