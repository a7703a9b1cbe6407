package org.seedcast.tracker.swarm;

import java.util.HashMap;
import org.seedcast.tracker.protocol.HashKey;

/**
 * One lock's share of the swarms: the store synchronizes on a shard, so announces for torrents in
 * different shards never contend. Its counts are plain fields, read without the lock by gauges: a
 * slightly stale total is fine there.
 */
final class Shard {

    final HashMap<HashKey, Swarm> swarms = new HashMap<>();
    /** Changes for the other members of a cluster; {@code null} standalone. */
    final ChangeLog changes;
    int seeders;
    int leechers;

    Shard(ChangeLog changes) {
        this.changes = changes;
    }

    /** Moves a swarm's seeder or leecher count, and this shard's, by {@code delta}. */
    void add(Swarm swarm, boolean seeder, int delta) {
        if (seeder) {
            swarm.seeders += delta;
            seeders += delta;
        } else {
            swarm.leechers += delta;
            leechers += delta;
        }
    }
}
