package org.seedcast.tracker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.HashKey;

class ShardsTests {

    private final Shards shards = new Shards(false);

    private Swarm swarm(HashKey key) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            return shards.swarm(shard, key);
        }
    }

    @Test
    void aLengthReachesTheSwarmThatExistsAndTheOnesMadeAfterIt() {
        Swarm early = swarm(SwarmStoreTests.hash(1));
        shards.lengths(Map.of(SwarmStoreTests.hash(1), 4096L, SwarmStoreTests.hash(2), 8192L));
        assertThat(early.length).isEqualTo(4096);
        assertThat(swarm(SwarmStoreTests.hash(2)).length).isEqualTo(8192);
        assertThat(swarm(SwarmStoreTests.hash(1))).isSameAs(early);
    }

    @Test
    void removingASwarmTakesItsPeersOffItsShardsCountsAndForgetsItsLength() {
        HashKey key = SwarmStoreTests.hash(3);
        shards.lengths(Map.of(key, 4096L));
        Shard shard = shards.of(key);
        shard.add(swarm(key), true, 2);
        shard.add(swarm(key), false, 1);

        Swarm removed = shards.remove(key);

        assertThat(removed.seeders + removed.leechers).isEqualTo(3);
        assertThat(shard.seeders + shard.leechers).isZero();
        assertThat(swarm(key).length).isZero();
    }

    @Test
    void hashesAreSplitByTheirFirstByteOverEveryShard() {
        for (int first = 0; first < Shards.COUNT; first++) {
            HashKey key = new HashKey((long) first << 56, 7, 7);
            assertThat(shards.of(key)).isSameAs(shards.all()[first]);
        }
    }
}
