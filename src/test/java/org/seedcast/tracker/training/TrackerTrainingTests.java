package org.seedcast.tracker.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.bench.StandaloneTracker;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.engine.TrackerMetrics.Kind;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.engine.TrackerMetrics.Transport;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.protocol.HashKey;

/** The AOT training workload against real listeners: every request path it claims to train is hit and answered. */
class TrackerTrainingTests {

    private static final byte[] TRACKED = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");

    /** Budgets that never refill: how many requests are answered does not depend on how fast they come. */
    private static final int BURST = 30;

    @Test
    void everyPeerGetsEveryAnswerAndTheBlastIsRateLimited() throws Exception {
        StandaloneTracker.Running tracker = StandaloneTracker.start(0,
                List.of(HashKey.of(InfoHash.of(TRACKED))), NetworkSet.EMPTY, 1, false,
                new RateLimiter(1, BURST, 4096, () -> 1_000_000L));
        try {
            TrackerTraining.Result result = TrackerTraining.run(InetAddress.getLoopbackAddress(),
                    tracker.server().port(), TRACKED, 20, 3, 2000);

            // per peer: 1 connect + 3 rounds of (tracked announce, foreign announce, scrape) over UDP;
            // 3 rounds of (tracked announce, foreign announce, scrape, malformed announce) over HTTP
            assertThat(result).isEqualTo(new TrackerTraining.Result(20 * 10, 20 * 3 * 4, 0, 2000));
            TrackerMetrics m = tracker.metrics();
            assertThat(m.count(Transport.UDP, Kind.ANNOUNCE, Outcome.OK)).isEqualTo(60);
            assertThat(m.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.OK)).isEqualTo(60);
            assertThat(m.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.UNKNOWN)).isEqualTo(60);
            assertThat(m.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.BAD_REQUEST)).isEqualTo(60);
            assertThat(m.count(Transport.HTTP, Kind.SCRAPE, Outcome.OK)).isEqualTo(60);
            assertThat(m.count(Transport.UDP, Kind.SCRAPE, Outcome.OK)).isEqualTo(60);
            // the blast from 127.0.0.1, which does not wait for the tracker to read it: exactly a burst's
            // worth answered as foreign, the rest over budget (the kernel queue holds more than a burst)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (m.count(Transport.UDP, Kind.ANNOUNCE, Outcome.RATE_LIMITED) == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(m.count(Transport.UDP, Kind.ANNOUNCE, Outcome.RATE_LIMITED)).isPositive();
            assertThat(m.count(Transport.UDP, Kind.ANNOUNCE, Outcome.UNKNOWN)).isEqualTo(60 + BURST);
            // the last round's "stopped" took every peer out of the swarm again
            assertThat(tracker.swarms().seeders() + tracker.swarms().leechers()).isZero();
            assertThat(tracker.unknown().size()).isGreaterThanOrEqualTo(20);
        } finally {
            tracker.server().stop();
        }
    }
}
