package org.seedcast.tracker;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.engine.Housekeeper;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.engine.TrafficHistory;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmSnapshot;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.Sighting;
import org.seedcast.tracker.unknown.UnknownTorrents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker module's API for the admin pages and the REST API: read models of swarms, traffic
 * and foreign torrents, and the admin actions (block a foreign hash, ban an address or network).
 * Actions take effect in memory at once and are persisted in the background.
 */
public class Tracker {

    private static final Logger log = LoggerFactory.getLogger(Tracker.class);

    private final AccessList access;
    private final SwarmStore swarms;
    private final UnknownTorrents unknown;
    private final Bans bans;
    private final Housekeeper housekeeper;
    private final TrackerStore store;
    private final TrafficHistory history;
    private final TrackerMetrics metrics;
    private final Clock clock;
    private final IntSupplier port;

    Tracker(AccessList access, SwarmStore swarms, UnknownTorrents unknown, Bans bans,
            Housekeeper housekeeper, TrackerStore store, TrafficHistory history, TrackerMetrics metrics, Clock clock,
            IntSupplier port) {
        this.access = access;
        this.swarms = swarms;
        this.unknown = unknown;
        this.bans = bans;
        this.housekeeper = housekeeper;
        this.store = store;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
        this.port = port;
    }

    /**
     * Bytes fans said they downloaded (the growth of each peer's {@code downloaded} between its
     * announces), per tracked torrent, cumulative since the tracker started; torrents without any
     * are missing. Keyed by the hash peers announced: a hybrid torrent's v1 and truncated v2
     * swarms are two entries, to be added up. A withdrawn torrent's entry goes with its swarm.
     * How a figure counts (new sessions, restarted counters, the cap against liars):
     * {@code docs/tracker.md}, "Bytes fans downloaded".
     */
    public Map<InfoHash, Long> downloadedByTorrent() {
        Map<InfoHash, Long> all = new HashMap<>();
        swarms.downloaded().forEach((key, bytes) -> all.put(key.toInfoHash(), bytes));
        return all;
    }

    /**
     * The publisher's seed as this tracker lists it in every published swarm ({@code 203.0.113.5:6881},
     * or both families joined by "and"); empty when it lists none (the seed is off, or its host did
     * not resolve at start). Counted apart from fans: never in {@link #stats()}' seeders.
     */
    public Optional<String> publisherSeed() {
        SeedPeer seed = swarms.seed();
        return seed.listed() ? Optional.of(seed.toString()) : Optional.empty();
    }

    /** The port the tracker listens on (the bound one when configured as 0), HTTP and UDP alike. */
    public int port() {
        return port.getAsInt();
    }

    public TrackerStats stats() {
        Instant now = Instant.now(clock);
        List<TrackerStats.SwarmStats> all = swarms.snapshot().stream()
                .map(s -> view(s, now))
                .sorted(Comparator.comparingLong((TrackerStats.SwarmStats s) -> s.seeders() + s.leechers()).reversed())
                .toList();
        List<TrackerStats.MinuteSample> minutes = history.samples().stream()
                .map(m -> new TrackerStats.MinuteSample(m.minute(), m.announces(), m.scrapes(), m.refusals(),
                        m.rateLimited(), m.swarms(), m.seeders(), m.leechers(), m.unknownHashes()))
                .toList();
        return new TrackerStats(access.trackable().size(), swarms.swarms(), swarms.seeders(), swarms.leechers(),
                unknown.size(), all, minutes, publisherSeed().orElse(null));
    }

    /** One swarm's counts now, by the hash its peers announce; empty when it has no swarm. */
    public Optional<TrackerStats.SwarmStats> swarm(InfoHash infoHash) {
        Instant now = Instant.now(clock);
        return swarms.snapshot(HashKey.of(infoHash)).map(s -> view(s, now));
    }

    /**
     * One swarm's closed minutes, oldest first, up to the last hour: copied from the ring the
     * tracker fills once a minute, so reading it never touches the peers. Empty without a swarm.
     */
    public List<TrackerStats.SwarmMinute> history(InfoHash infoHash) {
        return swarms.history(HashKey.of(infoHash)).stream()
                .map(m -> new TrackerStats.SwarmMinute(Instant.ofEpochSecond(m.epochMinute() * 60L), m.seeders(),
                        m.leechers(), m.announces(), m.completed()))
                .toList();
    }

    /**
     * Foreign info-hashes, most announced first: those every tracker node flushed to the database
     * (the cluster's table: a web node that runs no tracker shows the tracker nodes' sightings),
     * with what this node counted since its last flush. Without the database, this node's own.
     * Reads the database: for the admin pages, never the announce path.
     */
    public List<UnknownTorrent> unknownTorrents() {
        Set<HashKey> blocked = access.blocked();
        return withStored(unknown.snapshot()).stream()
                .filter(s -> !access.tracked(s.infoHash())) // published since it was flushed
                .map(s -> view(s, blocked.contains(s.infoHash()))).toList();
    }

    /**
     * The stored sightings with this node's added: a hash the database holds counts its stored
     * announces and this node's unflushed ones; one it does not hold (beyond the read's limit, or
     * no database) counts this node's.
     */
    private List<Sighting> withStored(List<Sighting> local) {
        List<Sighting> stored;
        try {
            stored = store.loadUnknownTorrents(unknown.capacity());
        } catch (RuntimeException e) {
            log.warn("could not read the stored foreign torrents, showing this node's: {}", e.toString());
            stored = List.of();
        }
        Map<HashKey, Sighting> all = new HashMap<>();
        stored.forEach(s -> all.put(s.infoHash(), s));
        local.forEach(mine -> all.merge(mine.infoHash(), mine, (db, own) -> new Sighting(db.infoHash(),
                Math.min(db.firstSeenMillis(), own.firstSeenMillis()), Math.max(db.lastSeenMillis(), own.lastSeenMillis()),
                db.announces() + own.newAnnounces(), 0, Math.max(db.distinctSources(), own.distinctSources()),
                db.sources().isEmpty() ? own.sources() : db.sources(), db.clients().isEmpty() ? own.clients() : db.clients())));
        return all.values().stream().sorted(Comparator.comparingLong(Sighting::announces).reversed()).toList();
    }

    /**
     * The sources refused most often before their requests were even read (over their rate
     * budget, or banned): a flood's senders, which never name the torrents they flood with.
     */
    public List<UnknownTorrent.Count> refusedSources() {
        return unknown.refusedSources().stream().map(c -> new UnknownTorrent.Count(c.name(), c.count())).toList();
    }

    /** Whether the tracker serves this hash (a published v1 or truncated v2 hash). */
    public boolean tracks(InfoHash infoHash) {
        return access.tracked(HashKey.of(infoHash));
    }

    /**
     * Blocks a foreign hash: its announces get {@code retry in: never} and the blocked interval.
     *
     * @throws IllegalArgumentException if the hash is one of the publisher's own
     */
    public void block(InfoHash infoHash, String reason) {
        HashKey key = HashKey.of(infoHash);
        if (access.tracked(key)) {
            throw new IllegalArgumentException(infoHash + " is a published torrent; withdraw it instead");
        }
        TrackerStore.Block block = new TrackerStore.Block(key, reason == null ? "" : reason);
        housekeeper.change(() -> access.block(key), store -> store.saveBlock(block));
    }

    public void unblock(InfoHash infoHash) {
        HashKey key = HashKey.of(infoHash);
        housekeeper.change(() -> access.unblock(key), store -> store.deleteBlock(key));
    }

    public Set<InfoHash> blocked() {
        return access.blocked().stream().map(HashKey::toInfoHash).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Bans an address or network, IPv4 or IPv6 ({@code 198.51.100.7}, {@code 203.0.113.0/24},
     * {@code 2001:db8::/32}).
     *
     * @throws IllegalArgumentException if {@code cidr} is not a literal address with optional prefix
     */
    public Ban ban(String cidr, String reason) {
        return ban(cidr, reason, null);
    }

    /**
     * Bans an address or network until {@code lasting} has passed ({@code null}: for good).
     *
     * @throws IllegalArgumentException if {@code cidr} is not a literal address with optional prefix,
     *                                  or {@code lasting} is not positive
     */
    public Ban ban(String cidr, String reason, java.time.Duration lasting) {
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) {
            throw new IllegalArgumentException("a ban lasts a positive time, or for good");
        }
        Instant now = Instant.now(clock);
        Bans.Ban ban = new Bans.Ban(Cidr.parse(cidr), reason == null ? "" : reason, now,
                lasting == null ? null : now.plus(lasting));
        housekeeper.change(() -> bans.ban(ban), store -> store.saveBan(ban));
        return view(ban);
    }

    /** Lifts a ban; returns whether there was one. */
    public boolean unban(String cidr) {
        Cidr parsed = Cidr.parse(cidr);
        return housekeeper.change(() -> bans.unban(parsed), store -> store.deleteBan(parsed));
    }

    /** Whether an address is banned, for the other listeners that refuse what the tracker refuses (the seed). */
    public boolean isBanned(InetAddress address) {
        return bans.banned(Endpoint.of(address, 0));
    }

    public List<Ban> bans() {
        return bans.list().stream().map(Tracker::view).toList();
    }

    /** Non-zero request counts so far, by transport, kind and outcome. */
    public List<RequestCount> requestCounts() {
        List<RequestCount> counts = new ArrayList<>();
        for (TrackerMetrics.Transport t : TrackerMetrics.Transport.values()) {
            for (TrackerMetrics.Kind k : TrackerMetrics.Kind.values()) {
                for (TrackerMetrics.Outcome o : TrackerMetrics.Outcome.values()) {
                    long n = metrics.count(t, k, o);
                    if (n > 0) {
                        counts.add(new RequestCount(TrackerMetrics.tag(t), TrackerMetrics.tag(k), TrackerMetrics.tag(o), n));
                    }
                }
            }
        }
        return counts;
    }

    /**
     * Starts serving a published torrent's hashes (v1, and truncated v2 when present).
     *
     * @param length bytes of its one file, 0 when unknown
     */
    void track(InfoHash v1, InfoHash v2Truncated, long length) {
        List<HashKey> keys = keys(v1, v2Truncated);
        Map<HashKey, Long> lengths = new HashMap<>();
        keys.forEach(key -> lengths.put(key, length));
        swarms.lengths(lengths);
        access.allow(keys);
        keys.forEach(unknown::forget);
    }

    /** Stops serving a withdrawn torrent's hashes and drops their swarms. */
    void untrack(InfoHash v1, InfoHash v2Truncated) {
        List<HashKey> keys = keys(v1, v2Truncated);
        access.disallow(keys);
        keys.forEach(swarms::remove);
    }

    private static List<HashKey> keys(InfoHash v1, InfoHash v2Truncated) {
        return v2Truncated == null ? List.of(HashKey.of(v1)) : List.of(HashKey.of(v1), HashKey.of(v2Truncated));
    }

    private static TrackerStats.SwarmStats view(SwarmSnapshot s, Instant now) {
        return new TrackerStats.SwarmStats(s.infoHash().toInfoHash(), s.seeders(), s.leechers(), s.completed(),
                s.announcesPerMinute(), s.secondsSinceAnnounce() < 0 ? null : now.minusSeconds(s.secondsSinceAnnounce()));
    }

    private static UnknownTorrent view(Sighting s, boolean blocked) {
        return new UnknownTorrent(s.infoHash().toInfoHash(), Instant.ofEpochMilli(s.firstSeenMillis()),
                Instant.ofEpochMilli(s.lastSeenMillis()), s.announces(), s.distinctSources(),
                s.sources().stream().map(c -> new UnknownTorrent.Count(c.name(), c.count())).toList(),
                s.clients().stream().map(c -> new UnknownTorrent.Count(c.name(), c.count())).toList(),
                blocked);
    }

    private static Ban view(Bans.Ban ban) {
        return new Ban(ban.cidr().text(), ban.reason(), ban.since(), ban.until());
    }
}
