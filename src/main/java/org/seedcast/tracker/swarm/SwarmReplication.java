package org.seedcast.tracker.swarm;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntSupplier;
import org.seedcast.tracker.protocol.HashKey;

/**
 * The store's side of a tracker cluster, apart from the announce path: what this member sends the
 * others (its logged changes, or all its peers for a member that joins) and how it applies theirs.
 */
final class SwarmReplication {

    private final Shards shards;
    private final Roster roster;
    private final SeedPeer seed;
    private final IntSupplier clock;

    SwarmReplication(Shards shards, Roster roster, SeedPeer seed, IntSupplier clock) {
        this.shards = shards;
        this.roster = roster;
        this.seed = seed;
        this.clock = clock;
    }

    /** Applies changes as announces that select no peers and are not logged again; returns how many. */
    int apply(ByteBuffer in) {
        int applied = 0;
        int now = clock.getAsInt();
        while (in.remaining() >= ChangeLog.BYTES) {
            HashKey key = new HashKey(in.getLong(), in.getLong(), in.getInt());
            int kib = in.getInt();
            long a = in.getLong();
            long b = in.getLong();
            long c = in.getLong();
            boolean v6 = ChangeLog.ipv6(c);
            Shard shard = shards.of(key);
            synchronized (shard) {
                Swarm swarm = shards.swarm(shard, key);
                swarm.lastAnnounce = now;
                if (!seed.is(v6, a, b, ChangeLog.port(c))) {
                    roster.record(shard, swarm, v6, a, b, ChangeLog.port(c), ChangeLog.seeder(c), ChangeLog.event(c),
                            kib, now, false);
                }
            }
            applied++;
        }
        return applied;
    }

    /** Moves the changes logged since the last call into {@code out}, one shard lock at a time. */
    void drain(ByteBuffer out) {
        for (Shard shard : shards.all()) {
            if (shard.changes != null) {
                synchronized (shard) {
                    shard.changes.drainTo(out);
                }
            }
        }
    }

    /** Every listed peer of shards {@code from} (inclusive) to {@code to} (exclusive), as changes without an event. */
    byte[] export(int from, int to) {
        ByteBuffer out = ByteBuffer.allocate(0);
        for (int i = Math.max(0, from); i < Math.min(Shards.COUNT, to); i++) {
            Shard shard = shards.all()[i];
            synchronized (shard) {
                int peersInShard = 0;
                for (Swarm swarm : shard.swarms.values()) {
                    peersInShard += swarm.v4.size() + swarm.v6.size();
                }
                if (out.remaining() < peersInShard * ChangeLog.BYTES) {
                    out = ByteBuffer.allocate(out.position() + 2 * peersInShard * ChangeLog.BYTES).put(out.flip());
                }
                for (Swarm swarm : shard.swarms.values()) {
                    swarm.v4.export(swarm.key, out);
                    swarm.v6.export(swarm.key, out);
                }
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The most {@link #drain} writes at once; 0 when the shards log no changes. */
    int maxChangeBytes() {
        return shards.logChanges() ? Shards.COUNT * ChangeLog.CAPACITY * ChangeLog.BYTES : 0;
    }
}
