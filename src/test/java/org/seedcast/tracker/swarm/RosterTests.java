package org.seedcast.tracker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;

class RosterTests {

    private final Shards shards = new Shards(false);

    /** Records IPv4 peer {@code n} (address and port in one word, as the store keys it). */
    private Swarm record(Roster roster, HashKey key, int n, boolean seeder, Event event, boolean local) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            Swarm swarm = shards.swarm(shard, key);
            roster.record(shard, swarm, false, (0x0A000000L + n) << 16 | 6881, 0, 0, seeder, event, 0, 100, local);
            return swarm;
        }
    }

    @Test
    void aNewcomerBeyondTheOverallCapIsRefusedAndCountedUntilAPeerLeaves() {
        Roster roster = new Roster(new SwarmCaps(10, 8, 1), 3600);
        record(roster, SwarmStoreTests.hash(1), 1, false, Event.STARTED, true);
        Swarm full = record(roster, SwarmStoreTests.hash(2), 2, false, Event.STARTED, true);
        assertThat(full.leechers).isZero();
        assertThat(roster.refused()).isEqualTo(1);

        record(roster, SwarmStoreTests.hash(1), 1, false, Event.STOPPED, true);
        Swarm room = record(roster, SwarmStoreTests.hash(2), 2, false, Event.STARTED, true);
        assertThat(room.leechers).isEqualTo(1);
    }

    @Test
    void aCompletionAnotherMemberSentCountsForClientsButIsNotThisMembersToStore() {
        Roster roster = new Roster(new SwarmCaps(10, 8, 100), 3600);
        record(roster, SwarmStoreTests.hash(1), 1, false, Event.STARTED, false);
        Swarm swarm = record(roster, SwarmStoreTests.hash(1), 1, true, Event.COMPLETED, false);
        assertThat(swarm.completed).isEqualTo(1);
        assertThat(swarm.unflushedCompleted).isZero();
        assertThat(swarm.seeders).isEqualTo(1);
        assertThat(swarm.leechers).isZero();
    }

    @Test
    void downloadedIsCappedAtTwiceTheLengthAndKeptWholeWhileTheLengthIsUnknown() {
        assertThat(Roster.cappedKib(10L << 20, 1L << 20)).isEqualTo(2 << 10);
        assertThat(Roster.cappedKib(10L << 20, 0)).isEqualTo(10 << 10);
        assertThat(Roster.cappedKib(-5, 1L << 20)).isZero();
        assertThat(Integer.toUnsignedLong(Roster.cappedKib(Long.MAX_VALUE, 0))).isEqualTo(0xFFFF_FFFFL);
    }
}
