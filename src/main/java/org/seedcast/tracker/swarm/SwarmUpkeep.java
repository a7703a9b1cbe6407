package org.seedcast.tracker.swarm;

import java.util.function.IntSupplier;

/**
 * Expiry and the per-minute figures, on the housekeeper's thread: an announce only bumps counters,
 * and everything that walks the swarms happens here, one shard lock at a time.
 */
final class SwarmUpkeep {

    /** Minutes of history kept per swarm, for the dashboard's charts. */
    static final int HISTORY_MINUTES = 60;

    private final Shards shards;
    private final Roster roster;
    private final IntSupplier clock;
    private final int peerTimeoutSeconds;

    SwarmUpkeep(Shards shards, Roster roster, IntSupplier clock, int peerTimeoutSeconds) {
        this.shards = shards;
        this.roster = roster;
        this.clock = clock;
        this.peerTimeoutSeconds = peerTimeoutSeconds;
    }

    /**
     * Expires silent peers and drops empty swarms with nothing left to remember (no downloads, no
     * announce within the hour); returns the peers removed.
     */
    int sweep() {
        int now = clock.getAsInt();
        int cutoff = now - peerTimeoutSeconds;
        int[] removed = new int[2];
        int total = 0;
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                var it = shard.swarms.values().iterator();
                while (it.hasNext()) {
                    Swarm swarm = it.next();
                    removed[0] = removed[1] = 0;
                    swarm.v4.expire(cutoff, removed);
                    swarm.v6.expire(cutoff, removed);
                    shard.add(swarm, true, -removed[0]);
                    shard.add(swarm, false, -removed[1]);
                    total += removed[0] + removed[1];
                    roster.left(removed[0] + removed[1]);
                    if (forgettable(swarm, now)) {
                        it.remove();
                    }
                }
            }
        }
        return total;
    }

    private static boolean forgettable(Swarm swarm, int now) {
        return swarm.empty() && swarm.completed == 0 && swarm.downloaded == 0
                && now - swarm.lastAnnounce > HISTORY_MINUTES * 60;
    }

    /** Closes minute {@code epochMinute} in every swarm's history; returns its announces, all swarms. */
    long sampleMinute(int epochMinute) {
        long total = 0;
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                for (Swarm swarm : shard.swarms.values()) {
                    total += sample(swarm, epochMinute);
                }
            }
        }
        return total;
    }

    private static long sample(Swarm swarm, int epochMinute) {
        long delta = swarm.announces - swarm.announcesAtLastMinute;
        swarm.announcesAtLastMinute = swarm.announces;
        swarm.announcesPerMinute = (int) Math.min(Integer.MAX_VALUE, delta);
        long done = swarm.completed - swarm.completedAtLastMinute;
        swarm.completedAtLastMinute = swarm.completed;
        if (swarm.history == null) {
            swarm.history = new MinuteRing(HISTORY_MINUTES);
        }
        swarm.history.add(epochMinute, swarm.seeders, swarm.leechers, swarm.announcesPerMinute,
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, done)));
        return delta;
    }
}
