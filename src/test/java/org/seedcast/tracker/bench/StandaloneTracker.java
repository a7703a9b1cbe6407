package org.seedcast.tracker.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.seedcast.torrent.InfoHash;
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
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.UnknownTorrents;

/**
 * The tracker without Spring or a database, for the benchmarks in {@code bench/} and the real-client
 * refusal test: every feature on (access list, accounting, rate limits, metrics).
 *
 * <pre>java -cp ... org.seedcast.tracker.bench.StandaloneTracker PORT WHITELIST_FILE [EXEMPT_CIDRS] [THREADS] [udp-error]</pre>
 */
public final class StandaloneTracker {

    private StandaloneTracker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<HashKey> hashes = Files.readAllLines(Path.of(args[1])).stream().map(String::strip)
                .filter(l -> l.length() == 40).map(h -> HashKey.of(InfoHash.fromHex(h))).toList();
        NetworkSet exempt = NetworkSet.parse(args.length > 2 ? List.of(args[2]) : List.of());
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        boolean udpError = args.length > 4 && args[4].equals("udp-error");
        TrackerServer server = start(port, hashes, exempt, threads, udpError);
        System.out.println("seedcast tracker on port " + server.port() + " with " + hashes.size() + " hashes");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        new CountDownLatch(1).await();
    }

    public static TrackerServer start(int port, List<HashKey> hashes, NetworkSet exempt, int threads, boolean udpError) {
        AccessList access = new AccessList();
        access.allow(hashes);
        TrackerSettings defaults = TrackerSettings.defaults();
        TrackerSettings settings = new TrackerSettings("Seedcast", defaults.interval(), defaults.minInterval(),
                defaults.jitter(), defaults.refusalInterval(), defaults.blockedInterval(), defaults.rateLimitedInterval(),
                defaults.defaultNumWant(), defaults.maxNumWant(),
                udpError ? TrackerSettings.UdpRefusal.ERROR : TrackerSettings.UdpRefusal.EMPTY_REPLY,
                defaults.maxScrapeHashes(), exempt, NetworkSet.EMPTY);
        SwarmStore swarms = new SwarmStore(2 * 1800 + 180, SwarmStore.monotonicSeconds());
        TrackerEngine engine = new TrackerEngine(settings, swarms, access, new UnknownTorrents(10_000), new Bans(),
                new RateLimiter(20, 200, 1 << 18, System::currentTimeMillis), ConnectionIds.random(300),
                new TrackerMetrics(new SimpleMeterRegistry()), System::currentTimeMillis);
        TrackerServer server = new TrackerServer(engine, new ListenerSettings("127.0.0.1", port, threads, 64,
                Duration.ofSeconds(10), 200));
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
        return server;
    }
}
