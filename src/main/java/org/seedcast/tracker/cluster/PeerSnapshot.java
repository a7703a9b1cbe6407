package org.seedcast.tracker.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.seedcast.tracker.swarm.SwarmStore;

/**
 * How a member that joins the cluster gets the peers the others already hold: it asks the oldest
 * other member ({@link Request}, run there by Hazelcast's executor), which sends them back a few
 * shards at a time ({@link Chunk}, run on the new member). Both find their member's swarms in the
 * member's user context, where {@link TrackerCluster#replicate} put them.
 */
final class PeerSnapshot {

    static final String EXECUTOR = "seedcast-tracker-snapshot";
    static final String SWARMS = "seedcast.tracker.swarms";
    /** Shards per chunk: 16 chunks, each a sixteenth of the peers (3 MB a chunk for a million peers). */
    private static final int SHARDS_PER_CHUNK = 16;

    private PeerSnapshot() {
    }

    /** Run on the oldest member: sends its peers to the member that asked. */
    static final class Request implements Runnable, Serializable, HazelcastInstanceAware {

        @Serial
        private static final long serialVersionUID = 1L;
        private final UUID requester;
        private transient HazelcastInstance hazelcast;

        Request(UUID requester) {
            this.requester = requester;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcast) {
            this.hazelcast = hazelcast;
        }

        @Override
        public void run() {
            SwarmStore swarms = (SwarmStore) hazelcast.getUserContext().get(SWARMS);
            Member member = hazelcast.getCluster().getMembers().stream()
                    .filter(m -> m.getUuid().equals(requester)).findFirst().orElse(null);
            if (swarms == null || member == null) {
                return;
            }
            for (int from = 0; from < SwarmStore.shards(); from += SHARDS_PER_CHUNK) {
                byte[] peers = swarms.exportPeers(from, from + SHARDS_PER_CHUNK);
                if (peers.length > 0) {
                    hazelcast.getExecutorService(EXECUTOR).executeOnMember(new Chunk(peers), member);
                }
            }
        }
    }

    /** Run on the member that asked: adds the peers to its swarms. */
    static final class Chunk implements Runnable, Serializable, HazelcastInstanceAware {

        @Serial
        private static final long serialVersionUID = 1L;
        private final byte[] peers;
        private transient HazelcastInstance hazelcast;

        Chunk(byte[] peers) {
            this.peers = peers;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcast) {
            this.hazelcast = hazelcast;
        }

        @Override
        public void run() {
            SwarmStore swarms = (SwarmStore) hazelcast.getUserContext().get(SWARMS);
            if (swarms != null) {
                swarms.applyChanges(ByteBuffer.wrap(peers));
            }
        }
    }
}
