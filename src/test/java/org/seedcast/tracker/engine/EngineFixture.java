package org.seedcast.tracker.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.UnknownTorrents;

/** A tracker engine with a fixed clock, no jitter and a known connection-id key. */
final class EngineFixture {

    static final byte[] PUBLISHED = filled((byte) 0xAA);
    static final byte[] FOREIGN = filled((byte) 0xBB);

    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    final AccessList access = new AccessList();
    final SwarmStore swarms;
    final UnknownTorrents unknown = new UnknownTorrents(1000);
    final Bans bans = new Bans();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TrackerMetrics metrics = new TrackerMetrics(registry);
    final ConnectionIds ids = new ConnectionIds(7, 8, 300, () -> millis.get() / 1000);
    final TrackerEngine engine;

    EngineFixture(TrackerSettings settings, double ratePerSecond, int burst) {
        this(settings, ratePerSecond, burst, SeedPeer.NONE);
    }

    /** Listing the publisher's seed at {@code seed}. */
    EngineFixture(SeedPeer seed) {
        this(TrackerDefaults.engine().withJitter(0), 1000, 100_000, seed);
    }

    private EngineFixture(TrackerSettings settings, double ratePerSecond, int burst, SeedPeer seed) {
        swarms = new SwarmStore(3600, () -> (int) (millis.get() / 1000 - 1_699_990_000L), SwarmCaps.DEFAULTS, seed,
                false);
        access.allow(List.of(HashKey.of(PUBLISHED, 0)));
        engine = new TrackerEngine(settings, swarms, access, unknown, bans,
                new RateLimiter(ratePerSecond, burst, 4096, millis::get), ids, metrics, millis::get);
    }

    EngineFixture(TrackerSettings settings) {
        this(settings, 1000, 100_000);
    }

    EngineFixture() {
        this(TrackerDefaults.engine().withJitter(0));
    }

    static byte[] filled(byte b) {
        byte[] a = new byte[20];
        java.util.Arrays.fill(a, b);
        return a;
    }
}
