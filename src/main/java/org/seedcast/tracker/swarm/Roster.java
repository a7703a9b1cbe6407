package org.seedcast.tracker.swarm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.seedcast.tracker.protocol.Event;

/**
 * Who is in which swarm: joins, leaves and seeder changes under the caps, and the counts they move,
 * in one place so that an announce answered here and a change sent by another member of a cluster
 * are recorded alike. Called under the shard's lock; allocates nothing.
 * <p>
 * A new peer beyond a cap is answered as usual but not added, so it is not handed out: the peers
 * already there, which a flood cannot push out, keep being served (evicting the oldest instead
 * would let a fast announcer evict the fans who announce every half hour).
 */
final class Roster {

    /**
     * A peer's {@code downloaded} counts up to this many times the torrent's length per session: a
     * real client may fetch some pieces twice (a failed hash, an end-game duplicate), but a figure
     * beyond that is a lie, and one liar must not make up the fans' share of the traffic.
     */
    static final int DOWNLOADED_CAP_FACTOR = 2;
    private static final long MAX_KIB = 0xFFFF_FFFFL;

    private final int maxPerSwarm;
    private final int maxPerAddress;
    private final int maxPeers;
    /** How often a peer that keeps announcing is refreshed on the other members ({@link ChangeLog#needed}). */
    private final int refreshSeconds;
    /** Peers in all swarms, for the overall cap: changed on joins and leaves only, never on a re-announce. */
    private final AtomicInteger peers = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    /** Bytes fans reported downloading to this member, all swarms, withdrawn ones included: only grows. */
    private final LongAdder downloadedTotal = new LongAdder();
    private final LongAdder unreplicated = new LongAdder();

    Roster(SwarmCaps caps, int peerTimeoutSeconds) {
        this.maxPerSwarm = caps.perSwarm();
        this.maxPerAddress = caps.perAddress();
        this.maxPeers = caps.total();
        this.refreshSeconds = ChangeLog.refreshSeconds(peerTimeoutSeconds);
    }

    /**
     * Adds, refreshes or removes a peer other than the seed, and logs the change for the other
     * members of a cluster when it is one they need ({@link ChangeLog#needed}).
     *
     * @param local an announce this member answered, not a change another member sent: only those
     *              count towards what this member writes (completions, fans' bytes), so that each
     *              counts once over the cluster although every member applies it
     */
    void record(Shard shard, Swarm swarm, boolean v6, long a, long b, long c, boolean seeder, Event event,
                int kib, int now, boolean local) {
        PeerTable table = v6 ? swarm.v6 : swarm.v4;
        if (event == Event.STOPPED) {
            int previous = table.stop(a, b, c, now, kib);
            leave(shard, swarm, previous);
            swarm.downloaded += local ? counted(swarm, table.stoppedGrowth()) : 0;
            if (local && shard.changes != null && previous != -1) {
                shard.changes.add(swarm.key, v6, a, b, c, seeder, event, kib, unreplicated);
            }
            return;
        }
        int room = Math.min(maxPerSwarm - swarm.v4.size() - swarm.v6.size(), maxPeers - peers.get());
        int previous = table.put(a, b, c, seeder, event == Event.COMPLETED, now, room, maxPerAddress);
        count(shard, swarm, previous, seeder, event, local);
        boolean joins = previous == -1 || (previous & PeerTable.STOPPED) != 0;
        long grew = table.download(kib, joins, event == Event.STARTED); // moves the peer's baseline in any case
        swarm.downloaded += local ? counted(swarm, grew) : 0;
        if (local && shard.changes != null && ChangeLog.needed(previous, seeder, event, now, refreshSeconds)) {
            shard.changes.add(swarm.key, v6, a, b, c, seeder, event, kib, unreplicated);
        }
    }

    /**
     * {@code downloaded} in KiB, at most {@value #DOWNLOADED_CAP_FACTOR} × {@code length} (uncapped
     * for an unknown length, as a baseline only: see {@link #counted}).
     */
    static int cappedKib(long downloaded, long length) {
        long cap = length <= 0 || length > Long.MAX_VALUE / DOWNLOADED_CAP_FACTOR ? Long.MAX_VALUE
                : DOWNLOADED_CAP_FACTOR * length;
        return (int) Math.min(MAX_KIB, Math.min(Math.max(0, downloaded), cap) >>> 10);
    }

    /** Takes {@code n} peers that left without a {@code stopped} (expired, or their swarm withdrawn) off the total. */
    void left(int n) {
        peers.addAndGet(-n);
    }

    /** New peers not added since start because a cap was reached. */
    long refused() {
        return refused.sum();
    }

    /** Bytes fans reported downloading to this member since start, in all swarms, withdrawn ones included. */
    long downloadedTotal() {
        return downloadedTotal.sum();
    }

    /** Changes not logged because their shard's log was full. */
    long unreplicated() {
        return unreplicated.sum();
    }

    /** Bytes of a growth of {@code kib}: none while the torrent's length, so the cap, is unknown. */
    private long counted(Swarm swarm, long kib) {
        if (swarm.length <= 0 || kib == 0) {
            return 0;
        }
        downloadedTotal.add(kib << 10);
        return kib << 10;
    }

    private void count(Shard shard, Swarm swarm, int previous, boolean seeder, Event event, boolean local) {
        if (previous == PeerTable.REFUSED) {
            refused.increment();
            return;
        }
        boolean joins = previous == -1 || (previous & PeerTable.STOPPED) != 0;
        boolean wasSeeder = !joins && (previous & PeerTable.SEEDER) != 0;
        if (joins) {
            shard.add(swarm, seeder, 1);
            peers.incrementAndGet();
        } else if (wasSeeder != seeder) {
            shard.add(swarm, wasSeeder, -1);
            shard.add(swarm, seeder, 1);
        }
        if (PeerTable.completes(previous, seeder, event == Event.COMPLETED)) {
            swarm.completed++;
            swarm.unflushedCompleted += local ? 1 : 0;
        }
    }

    private void leave(Shard shard, Swarm swarm, int previous) {
        if (previous != -1) {
            shard.add(swarm, (previous & PeerTable.SEEDER) != 0, -1);
            peers.decrementAndGet();
        }
    }
}
