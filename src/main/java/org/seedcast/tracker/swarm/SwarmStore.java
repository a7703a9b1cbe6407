package org.seedcast.tracker.swarm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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
 * <p>
 * The publisher's own seed ({@link SeedPeer}) is not a row of any table: it is written first into
 * the answer of every leecher, and counted in the {@code complete} figure sent to clients (so a
 * client judging whether a swarm is alive sees the seeder it can download from), but never in the
 * fans' counts that the dashboard and the metrics read. An announce from the seed's own address
 * and port is answered but not added: the seed is not its own fan, nor listed to itself.
 */
public final class SwarmStore {

    private static final int SHARDS = 256;
    /** Minutes of history kept per swarm, for the dashboard's charts. */
    public static final int HISTORY_MINUTES = 60;

    /** Defaults of the caps, as documented in the README. */
    public static final int MAX_PEERS_PER_SWARM = 100_000;
    public static final int MAX_PEERS_PER_ADDRESS = 8;
    public static final int MAX_PEERS = 1_000_000;
    /**
     * A peer's {@code downloaded} counts up to this many times the torrent's length per session: a
     * real client may fetch some pieces twice (a failed hash, an end-game duplicate), but a figure
     * beyond that is a lie, and one liar must not make up the fans' share of the traffic.
     */
    public static final int DOWNLOADED_CAP_FACTOR = 2;
    private static final long MAX_KIB = 0xFFFF_FFFFL;
    /** Bytes of one change in {@link #drainChanges}' output. */
    public static final int CHANGE_BYTES = ChangeLog.BYTES;

    private final Shard[] shards = new Shard[SHARDS];
    private final int peerTimeoutSeconds;
    private final IntSupplier clock;
    private final int maxPerSwarm;
    private final int maxPerAddress;
    private final int maxPeers;
    /** Peers in all swarms, for the overall cap: changed on joins and leaves only, never on a re-announce. */
    private final AtomicInteger peers = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    /** Bytes fans reported downloading to this member, all swarms, withdrawn ones included: only grows. */
    private final LongAdder downloadedTotal = new LongAdder();
    private final SeedPeer seed;
    private final LongAdder unreplicated = new LongAdder();
    /** Each tracked torrent's length, read when its swarm is created (rarely), never per announce. */
    private final Map<HashKey, Long> lengths = new ConcurrentHashMap<>();
    /** Made once: a lambda capturing {@code this} per announce would allocate. */
    private final Function<HashKey, Swarm> newSwarm = key -> new Swarm(key, lengths.getOrDefault(key, 0L));

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
        this(peerTimeoutSeconds, clock, maxPerSwarm, maxPerAddress, maxPeers, SeedPeer.NONE);
    }

    /**
     * As {@link #SwarmStore(int, IntSupplier, int, int, int)}, listing the publisher's seed in every swarm.
     *
     * @param seed the publisher's own seed, or {@link SeedPeer#NONE}
     */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock, int maxPerSwarm, int maxPerAddress, int maxPeers,
                      SeedPeer seed) {
        this(peerTimeoutSeconds, clock, maxPerSwarm, maxPerAddress, maxPeers, seed, false);
    }

    /**
     * As {@link #SwarmStore(int, IntSupplier, int, int, int, SeedPeer)}; with {@code logChanges}, the
     * peer changes the other members of a tracker cluster need are logged for {@link #drainChanges}.
     */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock, int maxPerSwarm, int maxPerAddress, int maxPeers,
                      SeedPeer seed, boolean logChanges) {
        this.seed = seed;
        this.peerTimeoutSeconds = peerTimeoutSeconds;
        this.clock = clock;
        this.maxPerSwarm = maxPerSwarm;
        this.maxPerAddress = maxPerAddress;
        this.maxPeers = maxPeers;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard();
            shards[i].changes = logChanges ? new ChangeLog() : null;
        }
    }

    /** Monotonic seconds since the JVM started, for {@code clock}. */
    public static IntSupplier monotonicSeconds() {
        long origin = System.nanoTime();
        return () -> (int) ((System.nanoTime() - origin) / 1_000_000_000L) + 1;
    }

    /** The publisher's seed this store lists, or {@link SeedPeer#NONE}. */
    public SeedPeer seed() {
        return seed;
    }

    /**
     * Records an announce and selects peers for the answer into {@code out}: up to {@code numWant}
     * of each family asked for, never the announcing peer itself, and no seeders for a seeder; for
     * a leecher, and for a seeder's {@code started} announce, the publisher's seed first (in the
     * families it has). A {@code stopped} announce
     * removes the peer and selects none. The growth of the peer's {@code downloaded} is added to
     * the swarm's fans' bytes (see {@link PeerTable#download}).
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
            Swarm swarm = shard.swarms.computeIfAbsent(request.infoHash(), newSwarm);
            swarm.announces++;
            swarm.lastAnnounce = now;
            boolean self = seed.is(peer.ipv6(), a, b, c);
            if (!self) { // the seed is answered, never added: see the class comment
                record(shard, swarm, request.infoHash(), peer.ipv6(), a, b, c, seeder, request.event(),
                        cappedKib(request.downloaded(), swarm.length), now, true);
            }
            if (request.event() == Event.STOPPED) {
                numWant = 0;
            }
            // a seeder's first announce gets the seed too: a magnet client fetching the info dict
            // announces left=0 before it knows the length (aria2 1.36), and only a peer can give it
            boolean listSeed = !self && numWant > 0 && (!seeder || request.event() == Event.STARTED);
            if (wantV4) {
                int first = listSeed ? seed.writeV4(out.v4) : 0;
                out.v4Count = first + swarm.v4.select(a, b, c, seeder, numWant - first, out.v4, first, random);
            }
            if (wantV6) {
                int first = listSeed ? seed.writeV6(out.v6) : 0;
                out.v6Count = first + swarm.v6.select(a, b, c, seeder, numWant - first, out.v6, first, random);
            }
            out.seeders = swarm.seeders + (seed.listed() ? 1 : 0);
            out.leechers = swarm.leechers;
            out.completed = swarm.completed;
        }
    }

    /**
     * Adds, refreshes or removes a peer other than the seed, under its shard's lock, and logs the
     * change for the other members of a cluster when it is one they need ({@link ChangeLog#needed}).
     *
     * @param local an announce this member answered, not a change another member sent: only those
     *              count towards what this member writes (completions, fans' bytes), so that each
     *              counts once over the cluster although every member applies it
     */
    private void record(Shard shard, Swarm swarm, HashKey key, boolean v6, long a, long b, long c, boolean seeder,
                        Event event, int kib, int now, boolean local) {
        PeerTable table = v6 ? swarm.v6 : swarm.v4;
        if (event == Event.STOPPED) {
            int previous = table.stop(a, b, c, now, kib);
            forget(shard, swarm, previous);
            swarm.downloaded += local ? counted(swarm, table.stoppedGrowth()) : 0;
            if (local && shard.changes != null && previous != -1) {
                shard.changes.add(key, v6, a, b, c, seeder, event, kib, unreplicated);
            }
            return;
        }
        int room = Math.min(maxPerSwarm - swarm.v4.size() - swarm.v6.size(), maxPeers - peers.get());
        int previous = table.put(a, b, c, seeder, event == Event.COMPLETED, now, room, maxPerAddress);
        count(shard, swarm, previous, seeder, event, local);
        boolean joins = previous == -1 || (previous & PeerTable.STOPPED) != 0;
        long grew = table.download(kib, joins, event == Event.STARTED); // moves the peer's baseline in any case
        swarm.downloaded += local ? counted(swarm, grew) : 0;
        if (local && shard.changes != null && ChangeLog.needed(previous, seeder, event, now)) {
            shard.changes.add(key, v6, a, b, c, seeder, event, kib, unreplicated);
        }
    }

    /**
     * Applies the changes another member of the cluster logged ({@link #drainChanges}), as announces
     * that select no peers: its peers join, leave and turn seeders here too, its completed downloads
     * count in what this member tells clients, and a peer's {@code downloaded} becomes its baseline
     * here (so a peer that fails over counts only its growth since). The member that answered the
     * announce writes the completion and the bytes; this one does not count them again. Not logged again.
     *
     * @return the changes applied
     */
    public int applyChanges(ByteBuffer in) {
        int applied = 0;
        int now = clock.getAsInt();
        while (in.remaining() >= ChangeLog.BYTES) {
            HashKey key = new HashKey(in.getLong(), in.getLong(), in.getInt());
            int kib = in.getInt();
            long a = in.getLong();
            long b = in.getLong();
            long c = in.getLong();
            boolean v6 = ChangeLog.ipv6(c);
            Shard shard = shard(key);
            synchronized (shard) {
                Swarm swarm = shard.swarms.computeIfAbsent(key, newSwarm);
                swarm.lastAnnounce = now;
                if (!seed.is(v6, a, b, ChangeLog.port(c))) {
                    record(shard, swarm, key, v6, a, b, ChangeLog.port(c), ChangeLog.seeder(c), ChangeLog.event(c),
                            kib, now, false);
                }
            }
            applied++;
        }
        return applied;
    }

    /**
     * Moves the changes logged since the last call into {@code out}, one shard lock at a time, as
     * {@link ChangeLog#BYTES} bytes each; {@code out} holds {@link #maxChangeBytes()}.
     */
    public void drainChanges(ByteBuffer out) {
        for (Shard shard : shards) {
            if (shard.changes != null) {
                synchronized (shard) {
                    shard.changes.drainTo(out);
                }
            }
        }
    }

    /**
     * Every peer of the shards from {@code fromShard} (inclusive) to {@code toShard} (exclusive), as
     * changes without an event that {@link #applyChanges} takes: what a member that joins the cluster
     * needs, sent a few shards at a time. Applied there, each peer's {@code downloaded} becomes its
     * baseline and counts nothing.
     */
    public byte[] exportPeers(int fromShard, int toShard) {
        ByteBuffer out = ByteBuffer.allocate(0);
        for (int i = Math.max(0, fromShard); i < Math.min(SHARDS, toShard); i++) {
            Shard shard = shards[i];
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

    /** Shards of the store: {@link #exportPeers} takes ranges of them. */
    public static int shards() {
        return SHARDS;
    }

    /** The most {@link #drainChanges} writes at once; 0 when this store logs no changes. */
    public int maxChangeBytes() {
        return shards[0].changes == null ? 0 : SHARDS * ChangeLog.CAPACITY * ChangeLog.BYTES;
    }

    /** Changes not logged because their shard's log was full: those peers reach the others at their next announce. */
    public long unreplicatedChanges() {
        return unreplicated.sum();
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
            add(shard, swarm, seeder, 1);
            peers.incrementAndGet();
        } else if (wasSeeder != seeder) {
            add(shard, swarm, wasSeeder, -1);
            add(shard, swarm, seeder, 1);
        }
        if (PeerTable.completes(previous, seeder, event == Event.COMPLETED)) {
            swarm.completed++;
            swarm.unflushedCompleted += local ? 1 : 0;
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
     * Writes complete, downloaded and incomplete for {@code key}, a tracked torrent, into
     * {@code counts} at {@code offset}; zeros for a torrent without a swarm. Complete includes the
     * publisher's seed, as in announce answers.
     */
    public void scrape(HashKey key, long[] counts, int offset) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            counts[offset] = (swarm == null ? 0 : swarm.seeders) + (seed.listed() ? 1 : 0);
            counts[offset + 1] = swarm == null ? 0 : swarm.completed;
            counts[offset + 2] = swarm == null ? 0 : swarm.leechers;
        }
    }

    /**
     * Records tracked torrents' lengths (bytes of their one file), which bound what a peer's
     * {@code downloaded} counts; a swarm counts nothing while its length is unknown.
     */
    public void lengths(Map<HashKey, Long> byHash) {
        byHash.forEach((key, length) -> {
            if (length != null && length > 0 && !length.equals(lengths.put(key, length))) {
                Shard shard = shard(key);
                synchronized (shard) {
                    Swarm swarm = shard.swarms.get(key);
                    if (swarm != null) {
                        swarm.length = length;
                    }
                }
            }
        });
    }

    /** Drops a withdrawn torrent's swarm at once. */
    public void remove(HashKey key) {
        lengths.remove(key);
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
     * down then, on top of the downloads counted since (whose own completions the next flush then
     * adds to the stored count).
     */
    public void restoreCompleted(HashKey key, long completed) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.computeIfAbsent(key, newSwarm);
            swarm.completed += completed;
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
                    if (swarm.empty() && swarm.completed == 0 && swarm.downloaded == 0 && now - swarm.lastAnnounce > HISTORY_MINUTES * 60) {
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
                    all.add(snapshot(s, now));
                }
            }
        }
        return all;
    }

    /** One swarm's counts, under its shard's lock only; empty without a swarm. */
    public Optional<SwarmSnapshot> snapshot(HashKey key) {
        Shard shard = shard(key);
        int now = clock.getAsInt();
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            return swarm == null ? Optional.empty() : Optional.of(snapshot(swarm, now));
        }
    }

    private static SwarmSnapshot snapshot(Swarm s, int now) {
        return new SwarmSnapshot(s.key, s.seeders, s.leechers, s.completed, s.announcesPerMinute,
                s.lastAnnounce == 0 ? -1 : Math.max(0, now - s.lastAnnounce));
    }

    /** A swarm's closed minutes, oldest first; empty if it has none (or no swarm). */
    public List<SwarmMinute> history(HashKey key) {
        Shard shard = shard(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            return swarm == null || swarm.history == null ? List.of() : swarm.history.samples();
        }
    }

    /**
     * Bytes fans reported downloading in the announces this member answered, per swarm that has
     * any: cumulative since start (a swarm that has counted bytes is kept until its torrent is
     * withdrawn). In a cluster each member counts its own, so the members' figures add up.
     */
    public Map<HashKey, Long> downloaded() {
        Map<HashKey, Long> all = new HashMap<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    if (s.downloaded > 0) {
                        all.put(s.key, s.downloaded);
                    }
                }
            }
        }
        return all;
    }

    /**
     * Downloads completed in the announces this member answered since the last {@link #markFlushed},
     * by swarm: amounts to add to the stored counts. In a cluster every member holds every
     * completion, but only the member that answered its announce writes it, so each is stored once.
     */
    public Map<HashKey, Long> unflushedCompleted() {
        Map<HashKey, Long> changed = new HashMap<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    if (s.unflushedCompleted != 0) {
                        changed.put(s.key, s.unflushedCompleted);
                    }
                }
            }
        }
        return changed;
    }

    /** Records that these amounts ({@link #unflushedCompleted}) were added to the stored counts. */
    public void markFlushed(Map<HashKey, Long> flushed) {
        flushed.forEach((key, added) -> {
            Shard shard = shard(key);
            synchronized (shard) {
                Swarm s = shard.swarms.get(key);
                if (s != null) {
                    s.unflushedCompleted -= Math.min(added, s.unflushedCompleted);
                }
            }
        });
    }

    /** Bytes fans reported downloading to this member since start, in all swarms, withdrawn ones included. */
    public long downloadedTotal() {
        return downloadedTotal.sum();
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
        /** Changes for the other members of a cluster; {@code null} standalone. */
        ChangeLog changes;
        int seeders;
        int leechers;
    }
}
