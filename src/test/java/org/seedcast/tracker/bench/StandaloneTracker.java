package org.seedcast.tracker.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.tracker.cluster.TrackerCluster;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.engine.TrackerSettings;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.netty.ListenerSettings;
import org.seedcast.tracker.netty.TrackerServer;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.training.TrackerTraining;
import org.seedcast.tracker.unknown.UnknownTorrents;

/**
 * The tracker without Spring or a database, for the benchmarks in {@code bench/} and the real-client
 * refusal test: every feature on (access list, accounting, rate limits, metrics).
 *
 * <pre>java -cp ... org.seedcast.tracker.bench.StandaloneTracker PORT WHITELIST_FILE [EXEMPT_CIDRS] [THREADS] [udp-error]</pre>
 *
 * With {@code -Dseedcast.bench.cluster-members=HOST:PORT,...} and {@code -Dseedcast.bench.cluster-port=PORT} it
 * is a member of a tracker cluster ({@code bench/cluster.sh}); {@code -Dseedcast.bench.max-ports-per-address=N}
 * lets one loopback address hold more peers per swarm, so that every announce of a load generator is a join.
 */
public final class StandaloneTracker {

    private StandaloneTracker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<HashKey> hashes = Files.readAllLines(Path.of(args[1])).stream().map(String::strip)
                .filter(l -> l.length() == 40).map(h -> HashKey.of(InfoHash.fromHex(h))).toList();
        NetworkSet exempt = NetworkSet.parse(args.length > 2 ? List.of(args[2]) : List.of());
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Integer.getInteger("seedcast.bench.threads", 0);
        boolean udpError = args.length > 4 && args[4].equals("udp-error");
        Running tracker = start(port, hashes, exempt, threads, udpError);
        System.out.println("seedcast tracker on port " + tracker.server().port() + " with " + hashes.size() + " hashes ("
                + tracker.server().transports() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tracker.server().stop();
            System.out.println(tracker.summary());
        }));
        if (Boolean.getBoolean("seedcast.bench.train")) { // the AOT training run of bench/flood.sh: train, then exit
            byte[] tracked = hashes.getFirst().toInfoHash().toBytes();
            System.out.println(TrackerTraining.run(InetAddress.getLoopbackAddress(), tracker.server().port(), tracked,
                    1000, 5, 20_000));
            System.exit(0); // the shutdown hook stops the listeners
        }
        new CountDownLatch(1).await();
    }

    /** A started tracker and the parts a benchmark reports on. */
    public record Running(TrackerServer server, SwarmStore swarms, UnknownTorrents unknown, TrackerMetrics metrics,
                          TrackerCluster cluster) {

        public String summary() {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            StringBuilder b = new StringBuilder();
            b.append(String.format("heap used after GC: %.1f MiB; swarms %d, peers %d; unknown hashes %d (%d evicted)%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1048576.0, swarms.swarms(), swarms.seeders() + swarms.leechers(),
                    unknown.size(), unknown.evictions()));
            if (cluster.clustered()) {
                b.append(String.format("cluster: %s%n", cluster.replicationCounts()));
            }
            unknown.snapshot().stream().findFirst().ifPresent(top -> b.append(String.format(
                    "unknown-torrent table, top entry: %s, %d announces, ~%d sources, top source %s, clients %s%n",
                    top.infoHash(), top.announces(), top.distinctSources(),
                    top.sources().isEmpty() ? "-" : top.sources().get(0), top.clients())));
            for (TrackerMetrics.Transport t : TrackerMetrics.Transport.values()) {
                for (TrackerMetrics.Kind k : TrackerMetrics.Kind.values()) {
                    for (TrackerMetrics.Outcome o : TrackerMetrics.Outcome.values()) {
                        long n = metrics.count(t, k, o);
                        if (n > 0) {
                            b.append(String.format("  %s %s %s: %d%n", TrackerMetrics.tag(t), TrackerMetrics.tag(k),
                                    TrackerMetrics.tag(o), n));
                        }
                    }
                }
            }
            return b.toString();
        }
    }

    public static Running start(int port, List<HashKey> hashes, NetworkSet exempt, int threads, boolean udpError) {
        return start(port, hashes, exempt, threads, udpError,
                new RateLimiter(20, 200, 1 << 18, System::currentTimeMillis));
    }

    /** With the given per-address limits (a test's, on a clock it controls). */
    public static Running start(int port, List<HashKey> hashes, NetworkSet exempt, int threads, boolean udpError,
                                RateLimiter limiter) {
        AccessList access = new AccessList();
        access.allow(hashes);
        TrackerSettings settings = TrackerDefaults.engine()
                .withUdpRefusal(udpError ? TrackerSettings.UdpRefusal.ERROR : TrackerSettings.UdpRefusal.EMPTY_REPLY)
                .withNetworks(exempt, NetworkSet.EMPTY);
        TrackerCluster cluster = cluster();
        SwarmStore swarms = new SwarmStore(2 * 1800 + 180, SwarmStore.monotonicSeconds(),
                SwarmCaps.DEFAULTS.withPerAddress(Integer.getInteger("seedcast.bench.max-ports-per-address",
                        SwarmCaps.DEFAULTS.perAddress())),
                SeedPeer.NONE, cluster.clustered());
        UnknownTorrents unknown = new UnknownTorrents(10_000);
        TrackerMetrics metrics = new TrackerMetrics(new SimpleMeterRegistry());
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        TrackerEngine engine = new TrackerEngine(settings, swarms, access, unknown, new Bans(),
                limiter, ConnectionIds.of(cluster.sharedConnectionKey(key), 300),
                metrics, System::currentTimeMillis);
        cluster.replicate(swarms, limiter);
        // -Dseedcast.bench.udp-sockets=N, -Dseedcast.bench.udp-receive-buffer=BYTES,
        // -Dseedcast.bench.io-uring=false and -Dseedcast.bench.http-threads=N compare listener set-ups
        ListenerSettings defaults = TrackerDefaults.listener();
        TrackerServer server = new TrackerServer(engine, defaults.toBuilder().bindAddress("127.0.0.1").port(port)
                .threads(threads)
                .udpSockets(Integer.getInteger("seedcast.bench.udp-sockets", defaults.udpSockets()))
                .udpReceiveBuffer(Integer.getInteger("seedcast.bench.udp-receive-buffer", defaults.udpReceiveBuffer()))
                .tarpit(Duration.ofMillis(Long.getLong("seedcast.tracker.tarpit-millis", defaults.tarpit().toMillis())))
                .ioUring(!"false".equals(System.getProperty("seedcast.bench.io-uring")))
                .httpThreads(Integer.getInteger("seedcast.bench.http-threads", defaults.httpThreads()))
                .build());
        server.start();
        Thread sweeper = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    return;
                }
                swarms.sweep();
            }
        }, "sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
        return new Running(server, swarms, unknown, metrics, cluster);
    }

    private static TrackerCluster cluster() {
        String members = System.getProperty("seedcast.bench.cluster-members", "");
        if (members.isBlank()) {
            return TrackerCluster.STANDALONE;
        }
        return TrackerCluster.join(List.of(members.split(",")), Integer.getInteger("seedcast.bench.cluster-port", 5701),
                TrackerDefaults.cluster().joinWait());
    }
}
