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

    /** A task Hazelcast runs on one member, with that member's swarms at hand. */
    private abstract static class Task implements Runnable, Serializable, HazelcastInstanceAware {

        @Serial
        private static final long serialVersionUID = 1L;
        transient HazelcastInstance hazelcast;

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcast) {
            this.hazelcast = hazelcast;
        }

        /** This member's swarms, or {@code null} before it replicates. */
        SwarmStore swarms() {
            return (SwarmStore) hazelcast.getUserContext().get(SWARMS);
        }
    }

    /** Run on the oldest member: sends its peers to the member that asked. */
    static final class Request extends Task {

        @Serial
        private static final long serialVersionUID = 1L;
        private final UUID requester;

        Request(UUID requester) {
            this.requester = requester;
        }

        @Override
        public void run() {
            SwarmStore swarms = swarms();
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
    static final class Chunk extends Task {

        @Serial
        private static final long serialVersionUID = 1L;
        private final byte[] peers;

        Chunk(byte[] peers) {
            this.peers = peers;
        }

        @Override
        public void run() {
            SwarmStore swarms = swarms();
            if (swarms != null) {
                swarms.applyChanges(ByteBuffer.wrap(peers));
            }
        }
    }
}
