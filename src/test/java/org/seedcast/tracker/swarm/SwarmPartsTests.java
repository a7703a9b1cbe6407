package org.seedcast.tracker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;

/** The store's parts apart from the announce path: upkeep, replication, views and tallies. */
class SwarmPartsTests {

    private final AtomicInteger clock = new AtomicInteger(1000);
    private final Shards shards = new Shards(true);

    /** Records IPv4 peer {@code n} of {@code key}'s swarm as an announce this member answered. */
    private Swarm record(Roster roster, HashKey key, int n, boolean seeder, Event event) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            Swarm swarm = shards.swarm(shard, key);
            roster.record(shard, swarm, false, (0x0A000000L + n) << 16 | 6881, 0, 0, seeder, event, 0,
                    clock.get(), true);
            return swarm;
        }
    }

    @Test
    void aSweepGivesTheRoomOfExpiredPeersBackToTheOverallCap() {
        Roster onePeerAtMost = new Roster(new SwarmCaps(10, 8, 1), 3600);
        SwarmUpkeep upkeep = new SwarmUpkeep(shards, onePeerAtMost, clock::get, 60);
        record(onePeerAtMost, SwarmStoreTests.hash(1), 1, false, Event.STARTED);
        clock.addAndGet(61);

        assertThat(upkeep.sweep()).isEqualTo(1);

        assertThat(record(onePeerAtMost, SwarmStoreTests.hash(2), 2, false, Event.STARTED).leechers).isEqualTo(1);
        assertThat(onePeerAtMost.refused()).isZero();
    }

    @Test
    void exportingShardRangesOneAtATimeCoversEveryPeerOnce() {
        Roster roster = new Roster(new SwarmCaps(10, 8, 100), 3600);
        SwarmReplication replication = new SwarmReplication(shards, roster, SeedPeer.NONE, clock::get);
        for (int first : new int[] {0, 1, 200}) {
            record(roster, new HashKey((long) first << 56, 1, 1), 1, false, Event.STARTED);
        }
        int bytes = 0;
        for (int from = 0; from < Shards.COUNT; from += 64) {
            bytes += replication.export(from, from + 64).length;
        }
        assertThat(bytes).isEqualTo(3 * ChangeLog.BYTES);
        assertThat(replication.export(2, 200)).isEmpty();
    }

    @Test
    void aDrainTakesEveryShardsLogAndAStandaloneStoreHasNone() {
        Roster roster = new Roster(new SwarmCaps(10, 8, 100), 3600);
        SwarmReplication replication = new SwarmReplication(shards, roster, SeedPeer.NONE, clock::get);
        record(roster, new HashKey(0, 1, 1), 1, false, Event.STARTED);
        record(roster, new HashKey(255L << 56, 1, 1), 1, false, Event.STARTED);
        ByteBuffer drained = ByteBuffer.allocate(replication.maxChangeBytes());
        replication.drain(drained);
        assertThat(drained.position()).isEqualTo(2 * ChangeLog.BYTES);
        assertThat(new SwarmReplication(new Shards(false), roster, SeedPeer.NONE, clock::get).maxChangeBytes())
                .isZero();
    }

    @Test
    void aScrapeCountsThePublishersSeedAsCompleteEvenBeforeASwarmExists() {
        SeedPeer seed = SeedPeer.of(Endpoint.ipv4(0xC000020A, 6881), null);
        long[] counts = new long[6];
        new SwarmViews(shards, seed, clock::get).scrape(SwarmStoreTests.hash(9), counts, 3);
        assertThat(counts).containsExactly(0, 0, 0, 1, 0, 0);
    }

    @Test
    void completionsCountedWhileAFlushRunsStayForTheNextFlush() {
        Roster roster = new Roster(new SwarmCaps(10, 8, 100), 3600);
        SwarmTallies tallies = new SwarmTallies(shards);
        HashKey key = SwarmStoreTests.hash(4);
        record(roster, key, 1, false, Event.STARTED);
        record(roster, key, 1, true, Event.COMPLETED);
        Map<HashKey, Long> flushing = tallies.unflushedCompleted();
        record(roster, key, 2, false, Event.STARTED);
        record(roster, key, 2, true, Event.COMPLETED); // while the flush writes

        tallies.markFlushed(flushing);

        assertThat(flushing).containsExactly(Map.entry(key, 1L));
        assertThat(tallies.unflushedCompleted()).containsExactly(Map.entry(key, 1L));
    }
}
