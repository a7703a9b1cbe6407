package org.seedcast.tracker.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;

/**
 * All swarms, split over shards by info-hash, each shard with its own lock, so announces for
 * different torrents rarely contend (opentracker uses 1,024 buckets, aquatic one shard per worker).
 * Peers are keyed by address and port, never by peer id, so one host cannot pose as another.
 * Expiry runs in {@link #sweep()}, on a background thread, never on the request path.
 */
public final class SwarmStore {

    private static final int SHARDS = 256;
    /** Minutes of history kept per swarm, for the dashboard's charts. */
    public static final int HISTORY_MINUTES = 60;

    /** Defaults of the caps, as documented in the README. */
    public static final int MAX_PEERS_PER_SWARM = 100_000;
    public static final int MAX_PEERS_PER_ADDRESS = 8;
    public static final int MAX_PEERS = 1_000_000;

    private final Shard[] shards = new Shard[SHARDS];
    private final int peerTimeoutSeconds;
    private final IntSupplier clock;
    private final int maxPerSwarm;
    private final int maxPerAddress;
    private final int maxPeers;
    /** Peers in all swarms, for the overall cap: changed on joins and leaves only, never on a re-announce. */
    private final AtomicInteger peers = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    /** With the default caps. */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock) {
        this(peerTimeoutSeconds, clock, MAX_PEERS_PER_SWARM, MAX_PEERS_PER_ADDRESS, MAX_PEERS);
    }

    /**
     * A new peer beyond a cap is answered as usual but not added, so it is not handed out: the
     * peers already there, which a flood cannot push out, keep being served (evicting the oldest
     * instead would let a fast announcer evict the fans who announce every half hour).
     *
     * @param peerTimeoutSeconds a peer not heard from for this long is dropped (about two intervals)
     * @param clock              monotonic seconds
     * @param maxPerSwarm        peers per swarm, both families
     * @param maxPerAddress      peers (ports) per address per swarm; IPv6 per /64
     * @param maxPeers           peers in all swarms together, which bounds the heap they take
     */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock, int maxPerSwarm, int maxPerAddress, int maxPeers) {
        this.peerTimeoutSeconds = peerTimeoutSeconds;
        this.clock = clock;
        this.maxPerSwarm = maxPerSwarm;
        this.maxPerAddress = maxPerAddress;
        this.maxPeers = maxPeers;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard();
        }
    }

    /** Monotonic seconds since the JVM started, for {@code clock}. */
    public static IntSupplier monotonicSeconds() {
        long origin = System.nanoTime();
        return () -> (int) ((System.nanoTime() - origin) / 1_000_000_000L) + 1;
    }

    /**
     * Records an announce and selects peers for the answer into {@code out}: up to {@code numWant}
     * of each family asked for, never the announcing peer itself, and no seeders for a seeder.
     * A {@code stopped} announce removes the peer and selects none.
     */
    public void announce(AnnounceRequest request, Endpoint peer, int numWant, boolean wantV4,
                         boolean wantV6, SelectedPeers out, RandomGenerator random) {
        Shard shard = shard(request.infoHash());
        long a = peer.ipv6() ? peer.high() : peer.low() << 16 | peer.port();
        long b = peer.ipv6() ? peer.low() : 0;
        long c = peer.ipv6() ? peer.port() : 0;
        boolean seeder = request.seeder();
        numWant = Math.min(numWant, out.capacity());
        out.clear();
        int now = clock.getAsInt();
        synchronized (shard) {
            Swarm swarm = shard.swarms.computeIfAbsent(request.infoHash(), Swarm::new);
            PeerTable table = peer.ipv6() ? swarm.v6 : swarm.v4;
            swarm.announces++;
            swarm.lastAnnounce = now;
            if (request.event() == Event.STOPPED) {
                forget(shard, swarm, table.stop(a, b, c, now));
                numWant = 0;
            } else {
                int room = Math.min(maxPerSwarm - swarm.v4.size() - swarm.v6.size(), maxPeers - peers.get());
                int previous = table.put(a, b, c, seeder, request.event() == Event.COMPLETED, now, room, maxPerAddress);
                count(shard, swarm, previous, seeder, request.event());
            }
            if (wantV4) {
                out.v4Count = swarm.v4.select(a, b, c, seeder, numWant, out.v4, random);
            }
            if (wantV6) {
                out.v6Count = swarm.v6.select(a, b, c, seeder, numWant, out.v6, random);
            }
            out.seeders = swarm.seeders;
            out.leechers = swarm.leechers;
            out.completed = swarm.completed;
        }
    }

    private void count(Shard shard, Swarm swarm, int previous, boolean seeder, Event event) {
        if (previous == PeerTable.REFUSED) {
            refused.increment();
            return;
        }
        boolean joins = previous == -1 || (previous & PeerTable.STOPPED) != 0;
        boolean wasSeeder = !joins && (previous & PeerTable.SEEDER) != 0;
        if (joins) {
            add(shard, swarm, seeder, 1);
            peers.incrementAndGet();
        } else if (wasSeeder != seeder) {
            add(shard, swarm, wasSeeder, -1);
            add(shard, swarm, seeder, 1);
        }
        if (PeerTable.completes(previous, seeder, event == Event.COMPLETED)) {
            swarm.completed++;
        }
    }

    private void forget(Shard shard, Swarm swarm, int previous) {
        if (previous != -1) {
            add(shard, swarm, (previous & PeerTable.SEEDER) != 0, -1);
            peers.decrementAndGet();
        }
    }

    private static void add(Shard shard, Swarm swarm, boolean seeder, int delta) {
        if (seeder) {
            swarm.seeders += delta;
            shard.seeders += delta;
        } else {
            swarm.leechers += delta;
            shard.leechers += delta;
        }
    }

    /**
     * Writes complete, downloaded and incomplete for {@code key} into {@code counts} at
     * {@code offset}; zeros for a torrent without a swarm.
     */
    public void scrape(HashKey key, long[] counts, int offset) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            counts[offset] = swarm == null ? 0 : swarm.seeders;
            counts[offset + 1] = swarm == null ? 0 : swarm.completed;
            counts[offset + 2] = swarm == null ? 0 : swarm.leechers;
        }
    }

    /** Drops a withdrawn torrent's swarm at once. */
    public void remove(HashKey key) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.remove(key);
            if (swarm != null) {
                shard.seeders -= swarm.seeders;
                shard.leechers -= swarm.leechers;
                peers.addAndGet(-(swarm.seeders + swarm.leechers));
            }
        }
    }

    /**
     * Restores a persisted completed count, once per hash: at start, or later if the database was
     * down then, on top of the downloads counted since (which the next flush then persists).
     */
    public void restoreCompleted(HashKey key, long completed) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.computeIfAbsent(key, Swarm::new);
            swarm.completed += completed;
            swarm.flushedCompleted = Math.max(swarm.flushedCompleted, completed);
            swarm.completedAtLastMinute += completed; // restored downloads are not this minute's
        }
    }

    /**
     * Expires silent peers, frees the tables of emptied swarms and drops empty swarms that have
     * nothing left to remember (a swarm with downloads keeps its small header so its completed
     * count survives, one announced to within the hour keeps its history). Takes one shard lock
     * at a time.
     *
     * @return peers removed
     */
    public int sweep() {
        int now = clock.getAsInt();
        int cutoff = now - peerTimeoutSeconds;
        int[] removed = new int[2];
        int total = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                var it = shard.swarms.values().iterator();
                while (it.hasNext()) {
                    Swarm swarm = it.next();
                    removed[0] = removed[1] = 0;
                    swarm.v4.expire(cutoff, removed);
                    swarm.v6.expire(cutoff, removed);
                    swarm.seeders -= removed[0];
                    swarm.leechers -= removed[1];
                    shard.seeders -= removed[0];
                    shard.leechers -= removed[1];
                    total += removed[0] + removed[1];
                    peers.addAndGet(-(removed[0] + removed[1]));
                    if (swarm.empty() && swarm.completed == 0 && now - swarm.lastAnnounce > HISTORY_MINUTES * 60) {
                        it.remove();
                    }
                }
            }
        }
        return total;
    }

    /**
     * Closes a minute: every swarm's announces of the minute become its per-minute rate, and its
     * counts go into its ring of the last {@value #HISTORY_MINUTES} minutes. The announce path
     * only bumps a counter; everything per minute happens here, on the housekeeper's thread.
     *
     * @param epochMinute the minute being closed, in minutes since the epoch
     * @return announces in the minute, all swarms
     */
    public long sampleMinute(int epochMinute) {
        long total = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm swarm : shard.swarms.values()) {
                    long delta = swarm.announces - swarm.announcesAtLastMinute;
                    swarm.announcesAtLastMinute = swarm.announces;
                    swarm.announcesPerMinute = (int) Math.min(Integer.MAX_VALUE, delta);
                    total += delta;
                    long done = swarm.completed - swarm.completedAtLastMinute;
                    swarm.completedAtLastMinute = swarm.completed;
                    if (swarm.history == null) {
                        swarm.history = new MinuteRing(HISTORY_MINUTES);
                    }
                    swarm.history.add(epochMinute, swarm.seeders, swarm.leechers, swarm.announcesPerMinute,
                            (int) Math.min(Integer.MAX_VALUE, Math.max(0, done)));
                }
            }
        }
        return total;
    }

    public List<SwarmSnapshot> snapshot() {
        List<SwarmSnapshot> all = new ArrayList<>();
        int now = clock.getAsInt();
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    all.add(new SwarmSnapshot(s.key, s.seeders, s.leechers, s.completed, s.announcesPerMinute,
                            s.lastAnnounce == 0 ? -1 : Math.max(0, now - s.lastAnnounce)));
                }
            }
        }
        return all;
    }

    /** A swarm's closed minutes, oldest first; empty if it has none (or no swarm). */
    public List<SwarmMinute> history(HashKey key) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            return swarm == null || swarm.history == null ? List.of() : swarm.history.samples();
        }
    }

    /** Completed counts changed since the last {@link #markFlushed}; absolute values. */
    public Map<HashKey, Long> unflushedCompleted() {
        Map<HashKey, Long> changed = new HashMap<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    if (s.completed != s.flushedCompleted) {
                        changed.put(s.key, s.completed);
                    }
                }
            }
        }
        return changed;
    }

    /** Records that these completed counts are persisted. */
    public void markFlushed(Map<HashKey, Long> flushed) {
        flushed.forEach((key, completed) -> {
            Shard shard = shard(key);
            synchronized (shard) {
                Swarm s = shard.swarms.get(key);
                if (s != null) {
                    s.flushedCompleted = Math.max(s.flushedCompleted, completed);
                }
            }
        });
    }

    /** New peers not added since start because a cap was reached. */
    public long refusedPeers() {
        return refused.sum();
    }

    public int swarms() {
        int n = 0;
        for (Shard shard : shards) {
            n += shard.swarms.size();
        }
        return n;
    }

    public long seeders() {
        long n = 0;
        for (Shard shard : shards) {
            n += shard.seeders;
        }
        return n;
    }

    public long leechers() {
        long n = 0;
        for (Shard shard : shards) {
            n += shard.leechers;
        }
        return n;
    }

    /** Estimated heap held by swarms and peer tables (the map entries included). */
    public long estimatedHeapBytes() {
        long bytes = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    bytes += s.heapBytes() + 32 + 48 + 8; // HashMap node, HashKey, table slot
                }
            }
        }
        return bytes;
    }

    private Shard shard(HashKey key) {
        return shards[(int) (key.high() >>> 56) & (SHARDS - 1)];
    }

    /** Plain fields read without the lock by gauges: a slightly stale total is fine there. */
    private static final class Shard {
        final HashMap<HashKey, Swarm> swarms = new HashMap<>();
        int seeders;
        int leechers;
    }
}
