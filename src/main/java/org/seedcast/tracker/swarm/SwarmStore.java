package org.seedcast.tracker.swarm;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;

/**
 * All swarms, split over shards by info-hash, each shard with its own lock ({@link Shards}), so
 * announces for different torrents rarely contend. Peers are keyed by address and port, never by
 * peer id, so one host cannot pose as another. This class holds the announce path; the rest of
 * the store is in package-private parts it hands to: {@link Roster} (joins, leaves, caps, counts),
 * {@link SwarmUpkeep} (expiry and the minute's figures, never on the request path),
 * {@link SwarmReplication} (the cluster's hooks), {@link SwarmViews} (pages, scrapes, gauges) and
 * {@link SwarmTallies} (what the flushes store).
 * <p>
 * The publisher's own seed ({@link SeedPeer}) is not a row of any table: it is written first into
 * the answer of every leecher, and counted in the {@code complete} figure sent to clients (so a
 * client judging whether a swarm is alive sees the seeder it can download from), but never in the
 * fans' counts that the dashboard and the metrics read. An announce from the seed's own address
 * and port is answered but not added: the seed is not its own fan, nor listed to itself.
 */
public final class SwarmStore {

    /** Minutes of history kept per swarm, for the dashboard's charts. */
    public static final int HISTORY_MINUTES = SwarmUpkeep.HISTORY_MINUTES;

    /** Bytes of one change in {@link #drainChanges}' output. */
    public static final int CHANGE_BYTES = ChangeLog.BYTES;

    private final IntSupplier clock;
    private final SeedPeer seed;
    private final Shards shards;
    private final Roster roster;
    private final SwarmUpkeep upkeep;
    private final SwarmReplication replication;
    private final SwarmViews views;
    private final SwarmTallies tallies;

    /** With the default caps, standalone, without the publisher's seed. */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock) {
        this(peerTimeoutSeconds, clock, SwarmCaps.DEFAULTS);
    }

    /** Standalone, without the publisher's seed. */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock, SwarmCaps caps) {
        this(peerTimeoutSeconds, clock, caps, SeedPeer.NONE, false);
    }

    /**
     * @param peerTimeoutSeconds a peer not heard from for this long is dropped (about two intervals)
     * @param clock              monotonic seconds
     * @param seed               the publisher's own seed, listed in every swarm, or {@link SeedPeer#NONE}
     * @param logChanges         whether the peer changes the other members of a tracker cluster need
     *                           are logged for {@link #drainChanges}
     */
    public SwarmStore(int peerTimeoutSeconds, IntSupplier clock, SwarmCaps caps, SeedPeer seed, boolean logChanges) {
        this.clock = clock;
        this.seed = seed;
        this.shards = new Shards(logChanges);
        this.roster = new Roster(caps, peerTimeoutSeconds);
        this.upkeep = new SwarmUpkeep(shards, roster, clock, peerTimeoutSeconds);
        this.replication = new SwarmReplication(shards, roster, seed, clock);
        this.views = new SwarmViews(shards, seed, clock);
        this.tallies = new SwarmTallies(shards);
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
        Shard shard = shards.of(request.infoHash());
        long a = peer.ipv6() ? peer.high() : peer.low() << 16 | peer.port();
        long b = peer.ipv6() ? peer.low() : 0;
        long c = peer.ipv6() ? peer.port() : 0;
        boolean seeder = request.seeder();
        numWant = Math.min(numWant, out.capacity());
        out.clear();
        int now = clock.getAsInt();
        synchronized (shard) {
            Swarm swarm = shards.swarm(shard, request.infoHash());
            swarm.announces++;
            swarm.lastAnnounce = now;
            boolean self = seed.is(peer.ipv6(), a, b, c);
            if (!self) { // the seed is answered, never added: see the class comment
                roster.record(shard, swarm, peer.ipv6(), a, b, c, seeder, request.event(),
                        Roster.cappedKib(request.downloaded(), swarm.length), now, true);
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
     * Applies the changes another member of the cluster logged ({@link #drainChanges}), as announces
     * that select no peers: its peers join, leave and turn seeders here too, its completed downloads
     * count in what this member tells clients, and a peer's {@code downloaded} becomes its baseline
     * here (so a peer that fails over counts only its growth since). The member that answered the
     * announce writes the completion and the bytes; this one does not count them again. Not logged again.
     *
     * @return the changes applied
     */
    public int applyChanges(ByteBuffer in) {
        return replication.apply(in);
    }

    /**
     * Moves the changes logged since the last call into {@code out}, one shard lock at a time, as
     * {@link ChangeLog#BYTES} bytes each; {@code out} holds {@link #maxChangeBytes()}.
     */
    public void drainChanges(ByteBuffer out) {
        replication.drain(out);
    }

    /**
     * Every peer of the shards from {@code fromShard} (inclusive) to {@code toShard} (exclusive), as
     * changes without an event that {@link #applyChanges} takes: what a member that joins the cluster
     * needs, sent a few shards at a time. Applied there, each peer's {@code downloaded} becomes its
     * baseline and counts nothing.
     */
    public byte[] exportPeers(int fromShard, int toShard) {
        return replication.export(fromShard, toShard);
    }

    /** Shards of the store: {@link #exportPeers} takes ranges of them. */
    public static int shards() {
        return Shards.COUNT;
    }

    /** The most {@link #drainChanges} writes at once; 0 when this store logs no changes. */
    public int maxChangeBytes() {
        return replication.maxChangeBytes();
    }

    /** Changes not logged because their shard's log was full: those peers reach the others at their next announce. */
    public long unreplicatedChanges() {
        return roster.unreplicated();
    }

    /**
     * Writes complete, downloaded and incomplete for {@code key}, a tracked torrent, into
     * {@code counts} at {@code offset}; zeros for a torrent without a swarm. Complete includes the
     * publisher's seed, as in announce answers.
     */
    public void scrape(HashKey key, long[] counts, int offset) {
        views.scrape(key, counts, offset);
    }

    /**
     * Records tracked torrents' lengths (bytes of their one file), which bound what a peer's
     * {@code downloaded} counts ({@value Roster#DOWNLOADED_CAP_FACTOR} × the length per session);
     * a swarm counts nothing while its length is unknown.
     */
    public void lengths(Map<HashKey, Long> byHash) {
        shards.lengths(byHash);
    }

    /** Drops a withdrawn torrent's swarm at once. */
    public void remove(HashKey key) {
        Swarm swarm = shards.remove(key);
        if (swarm != null) {
            roster.left(swarm.seeders + swarm.leechers);
        }
    }

    /**
     * Restores a persisted completed count, once per hash: at start, or later if the database was
     * down then, on top of the downloads counted since (whose own completions the next flush then
     * adds to the stored count).
     */
    public void restoreCompleted(HashKey key, long completed) {
        tallies.restoreCompleted(key, completed);
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
        return upkeep.sweep();
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
        return upkeep.sampleMinute(epochMinute);
    }

    public List<SwarmSnapshot> snapshot() {
        return views.snapshot();
    }

    /** One swarm's counts, under its shard's lock only; empty without a swarm. */
    public Optional<SwarmSnapshot> snapshot(HashKey key) {
        return views.snapshot(key);
    }

    /** A swarm's closed minutes, oldest first; empty if it has none (or no swarm). */
    public List<SwarmMinute> history(HashKey key) {
        return views.history(key);
    }

    /**
     * Bytes fans reported downloading in the announces this member answered, per swarm that has
     * any: cumulative since start (a swarm that has counted bytes is kept until its torrent is
     * withdrawn). In a cluster each member counts its own, so the members' figures add up.
     */
    public Map<HashKey, Long> downloaded() {
        return tallies.downloaded();
    }

    /**
     * Downloads completed in the announces this member answered since the last {@link #markFlushed},
     * by swarm: amounts to add to the stored counts. In a cluster every member holds every
     * completion, but only the member that answered its announce writes it, so each is stored once.
     */
    public Map<HashKey, Long> unflushedCompleted() {
        return tallies.unflushedCompleted();
    }

    /** Records that these amounts ({@link #unflushedCompleted}) were added to the stored counts. */
    public void markFlushed(Map<HashKey, Long> flushed) {
        tallies.markFlushed(flushed);
    }

    /** Bytes fans reported downloading to this member since start, in all swarms, withdrawn ones included. */
    public long downloadedTotal() {
        return roster.downloadedTotal();
    }

    /** New peers not added since start because a cap was reached. */
    public long refusedPeers() {
        return roster.refused();
    }

    public int swarms() {
        return views.swarms();
    }

    public long seeders() {
        return views.seeders();
    }

    public long leechers() {
        return views.leechers();
    }

    /** Estimated heap held by swarms and peer tables (the map entries included). */
    public long estimatedHeapBytes() {
        return views.estimatedHeapBytes();
    }
}
