package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.publishing.TorrentWithdrawn;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.engine.Housekeeper;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.engine.TrafficHistory;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.Sighting;
import org.seedcast.tracker.unknown.UnknownTorrents;

/** The module's API and its event handling, wired by hand: no Spring context needed. */
class TrackerTests {

    static final InfoHash V1 = InfoHash.fromHex("aa".repeat(20));
    static final InfoHash V2 = InfoHash.fromHex("bb".repeat(20));
    static final InfoHash FOREIGN = InfoHash.fromHex("cc".repeat(20));

    final AccessList access = new AccessList();
    final SwarmStore swarms = new SwarmStore(3600, () -> 100);
    final UnknownTorrents unknown = new UnknownTorrents(100);
    final Bans bans = new Bans();
    final TrackerMetrics metrics = new TrackerMetrics(new SimpleMeterRegistry());
    final TrafficHistory history = new TrafficHistory(60);
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:30Z"), ZoneOffset.UTC);
    final FlakyStore store = new FlakyStore();
    final Housekeeper housekeeper = new Housekeeper(swarms, unknown, store, metrics, history, clock);
    final Tracker tracker = new Tracker(access, swarms, unknown, bans, housekeeper, store, history, metrics, clock,
            () -> 6969);
    final TrackerEventListener events = new TrackerEventListener(tracker);

    @Test
    void publishedHashesOfBothVersionsAreTrackedAtOnceAndWithdrawnOnesStop() {
        events.on(new TorrentPublished(1, V1, V2));
        assertThat(tracker.tracks(V1)).isTrue();
        assertThat(tracker.tracks(V2)).isTrue();
        announce(V1, 1);
        events.on(new TorrentWithdrawn(1, V1, V2));
        assertThat(tracker.tracks(V1)).isFalse();
        assertThat(tracker.tracks(V2)).isFalse();
        assertThat(tracker.stats().activeSwarms()).isZero();
    }

    @Test
    void statsListSwarmsAndMinutes() {
        events.on(new TorrentPublished(1, V1, null));
        announce(V1, 1);
        announce(V1, 2);
        housekeeper.sweep();
        TrackerStats stats = tracker.stats();
        assertThat(stats.trackedTorrents()).isEqualTo(1);
        assertThat(stats.peers()).isEqualTo(2);
        assertThat(stats.swarms()).singleElement().satisfies(s -> {
            assertThat(s.infoHash()).isEqualTo(V1);
            assertThat(s.leechers()).isEqualTo(2);
            assertThat(s.announcesPerMinute()).isEqualTo(2);
        });
        assertThat(stats.recentMinutes()).singleElement()
                .satisfies(m -> assertThat(m.minute()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void foreignTorrentsOtherNodesFlushedAreListedWithWhatThisNodeCountedSince() {
        InfoHash seenElsewhere = InfoHash.fromHex("dd".repeat(20));
        store.stored.add(new Sighting(HashKey.of(FOREIGN), 1, 2, 40, 0, 7,
                List.of(new Sighting.Count("192.0.2.9", 30)), List.of()));
        store.stored.add(new Sighting(HashKey.of(seenElsewhere), 1, 2, 5, 0, 1, List.of(), List.of()));
        unknown.record(HashKey.of(FOREIGN), (1L << 32) | 0x7F000001L, 0, 5);
        unknown.record(HashKey.of(FOREIGN), (1L << 32) | 0x7F000001L, 0, 6);

        assertThat(tracker.unknownTorrents()).extracting(UnknownTorrent::infoHash, UnknownTorrent::announces)
                .containsExactly(tuple(FOREIGN, 42L), tuple(seenElsewhere, 5L));

        store.down = true; // this node's own, while the database is away
        assertThat(tracker.unknownTorrents()).extracting(UnknownTorrent::infoHash, UnknownTorrent::announces)
                .containsExactly(tuple(FOREIGN, 2L));
    }

    @Test
    void blocksAndBansApplyAtOnceAndArePersistedInOrder() {
        unknown.record(HashKey.of(FOREIGN), (1L << 32) | 0x7F000001L, 0, 5);
        tracker.block(FOREIGN, "spam");
        assertThat(tracker.blocked()).containsExactly(FOREIGN);
        assertThat(tracker.unknownTorrents()).singleElement().satisfies(u -> {
            assertThat(u.blocked()).isTrue();
            assertThat(u.topSources()).extracting(UnknownTorrent.Count::name).containsExactly("127.0.0.1");
        });
        Ban ban = tracker.ban("2001:db8::/32", "flood");
        assertThat(ban.cidr()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(tracker.bans()).containsExactly(ban);
        assertThat(tracker.unban("2001:db8::/32")).isTrue();
        tracker.unblock(FOREIGN);
        housekeeper.flush();
        assertThat(store.log).containsExactly("block cccccccccccccccccccccccccccccccccccccccc", "ban 2001:db8:0:0:0:0:0:0/32",
                "unban 2001:db8:0:0:0:0:0:0/32", "unblock cccccccccccccccccccccccccccccccccccccccc",
                "sightings 1");
    }

    /**
     * Another node's change makes every node reload blocks and bans from the database: an admin's change on this
     * node whose write is still queued was undone by that reload until the write landed (a blocked hash answered
     * as unknown meanwhile).
     */
    @Test
    void aChangeNotYetWrittenSurvivesAReloadOfTheDatabasesBlocksAndBans() {
        TrackerLifecycle lifecycle = new TrackerLifecycle(null, true, 6969, null, housekeeper, store, List::of, access,
                bans, swarms, org.seedcast.tracker.cluster.TrackerCluster.STANDALONE, null);
        tracker.block(FOREIGN, "spam"); // the housekeeper's thread is not started: the write stays queued
        tracker.ban("203.0.113.0/24", "flood");

        lifecycle.received("blocks", false);
        assertThat(tracker.blocked()).containsExactly(FOREIGN);
        assertThat(tracker.bans()).extracting(Ban::cidr).containsExactly("203.0.113.0/24");
        assertThat(store.blocks).as("written before the database was read").containsKey(HashKey.of(FOREIGN));

        store.down = true;
        tracker.unblock(FOREIGN);
        lifecycle.received("blocks", false);
        assertThat(tracker.blocked()).as("the database is behind: memory is kept").isEmpty();
        store.down = false;
        lifecycle.received("blocks", false);
        assertThat(tracker.blocked()).isEmpty();
        assertThat(store.blocks).isEmpty();
    }

    @Test
    void refusesToBlockAPublishedTorrentOrBanGarbage() {
        events.on(new TorrentPublished(1, V1, null));
        assertThatThrownBy(() -> tracker.block(V1, "oops")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.ban("not-an-address", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDownDatabaseLosesNothingAndCatchesUpLater() {
        events.on(new TorrentPublished(1, V1, null));
        announceCompleted(V1, 1);
        store.down = true;
        housekeeper.flush();
        assertThat(store.completed).isEmpty();
        announceCompleted(V1, 2);
        store.down = false;
        housekeeper.flush();
        assertThat(store.completed).containsEntry(HashKey.of(V1), 2L);
        store.completed.clear();
        housekeeper.flush();
        assertThat(store.completed).isEmpty(); // nothing new
    }

    @Test
    void requestCountsAreReadableByLabel() {
        metrics.count(TrackerMetrics.Transport.UDP, TrackerMetrics.Kind.ANNOUNCE, TrackerMetrics.Outcome.UNKNOWN, System.nanoTime());
        assertThat(tracker.requestCounts()).containsExactly(new RequestCount("udp", "announce", "unknown", 1));
    }

    private void announceDownloaded(InfoHash hash, int peer, long downloaded, Event event) {
        swarms.announce(new AnnounceRequest(HashKey.of(hash), 0, 0, downloaded, 5, event, 6881, 0, true, null),
                Endpoint.ipv4(0x0A000000 + peer, 6881), 0, true, true, new SelectedPeers(1),
                java.util.concurrent.ThreadLocalRandom.current());
    }

    @Test
    void downloadedBytesAreReportedPerAnnouncedHashOfEachPublishedTorrentWithItsLength() {
        events.on(new TorrentPublished(1, V1, V2, 1_000_000));
        announceDownloaded(V1, 1, 4096, Event.STARTED);
        announceDownloaded(V1, 1, 10_240, Event.NONE);
        announceDownloaded(V2, 2, 2048, Event.STARTED);
        assertThat(tracker.downloadedByTorrent()).containsExactlyInAnyOrderEntriesOf(Map.of(V1, 10_240L, V2, 2048L));

        events.on(new TorrentPublished(2, FOREIGN, null)); // a length not known: nothing counts
        announceDownloaded(FOREIGN, 1, 4096, Event.STARTED);
        assertThat(tracker.downloadedByTorrent()).doesNotContainKey(FOREIGN);

        events.on(new TorrentWithdrawn(1, V1, V2));
        assertThat(tracker.downloadedByTorrent()).isEmpty();
    }

    @Test
    void oneSwarmIsReadByItsHashAlone() {
        events.on(new TorrentPublished(1, V1, null));
        announce(V1, 1);
        announce(V1, 2);
        assertThat(tracker.swarm(V1)).hasValueSatisfying(s -> {
            assertThat(s.leechers()).isEqualTo(2);
            assertThat(s.seeders()).isZero();
            assertThat(s.lastAnnounce()).isEqualTo(clock.instant());
        });
        assertThat(tracker.swarm(FOREIGN)).isEmpty();
    }

    @Test
    void withoutASeedNoneIsListedInTheStats() {
        assertThat(tracker.publisherSeed()).isEmpty();
        assertThat(tracker.stats().publisherSeedListed()).isFalse();
    }

    @Test
    void theListedSeedIsNamedInTheStatsAndNeverCountedAmongTheFans() {
        SwarmStore seeded = new SwarmStore(3600, () -> 100, new org.seedcast.tracker.swarm.SwarmCaps(10, 8, 100),
                org.seedcast.tracker.swarm.SeedPeer.of(Endpoint.ipv4(0xC000020A, 6881),
                        Endpoint.ipv6(0x20010DB800000000L, 0x10L, 6881)), false);
        Tracker withSeed = new Tracker(access, seeded, unknown, bans, housekeeper, store, history, metrics, clock,
                () -> 6969);
        new TrackerEventListener(withSeed).on(new TorrentPublished(1, V1, null, 1000));
        seeded.announce(new AnnounceRequest(HashKey.of(V1), 0, 0, 0, 5, Event.STARTED, 6881, 0, true, null),
                Endpoint.ipv4(0x0A000001, 6881), 0, true, true, new SelectedPeers(1),
                java.util.concurrent.ThreadLocalRandom.current());

        assertThat(withSeed.publisherSeed()).contains("192.0.2.10:6881 and [2001:db8:0:0:0:0:0:10]:6881");
        TrackerStats stats = withSeed.stats();
        assertThat(stats.publisherSeed()).isEqualTo("192.0.2.10:6881 and [2001:db8:0:0:0:0:0:10]:6881");
        assertThat(stats.seeders()).isZero();
        assertThat(stats.leechers()).isEqualTo(1);
        assertThat(stats.swarms().getFirst().seeders()).isZero();
    }

    private void announce(InfoHash hash, int peer) {
        swarms.announce(new AnnounceRequest(HashKey.of(hash), 0, 0, 0, 5, Event.STARTED, 6881, 0, true, null),
                Endpoint.ipv4(0x0A000000 + peer, 6881), 0, true, true, new SelectedPeers(1),
                java.util.concurrent.ThreadLocalRandom.current());
    }

    private void announceCompleted(InfoHash hash, int peer) {
        swarms.announce(new AnnounceRequest(HashKey.of(hash), 0, 0, 0, 5, Event.STARTED, 6881, 0, true, null),
                Endpoint.ipv4(0x0A000000 + peer, 6881), 0, true, true, new SelectedPeers(1),
                java.util.concurrent.ThreadLocalRandom.current());
        swarms.announce(new AnnounceRequest(HashKey.of(hash), 0, 0, 0, 0, Event.COMPLETED, 6881, 0, true, null),
                Endpoint.ipv4(0x0A000000 + peer, 6881), 0, true, true, new SelectedPeers(1),
                java.util.concurrent.ThreadLocalRandom.current());
    }

    /** Records what reaches it; fails every call while {@code down}. */
    static final class FlakyStore implements TrackerStore {
        boolean down;
        final List<String> log = new ArrayList<>();
        /** What the other nodes flushed. */
        final List<Sighting> stored = new ArrayList<>();

        @Override
        public List<Sighting> loadUnknownTorrents(int limit) {
            check();
            return stored.stream().limit(limit).toList();
        }
        final Map<HashKey, Long> completed = new java.util.HashMap<>();

        private void check() {
            if (down) {
                throw new IllegalStateException("database down");
            }
        }

        @Override
        public void saveCompletedCounts(Map<HashKey, Long> counts) {
            check();
            completed.putAll(counts);
        }

        @Override
        public void saveUnknownTorrents(List<Sighting> batch) {
            check();
            log.add("sightings " + batch.size());
        }

        /** The blocks and bans written, as every node reads them. */
        final Map<HashKey, Block> blocks = new java.util.LinkedHashMap<>();
        final Map<org.seedcast.tracker.guard.Cidr, Bans.Ban> bans = new java.util.LinkedHashMap<>();

        @Override
        public void saveBlock(Block block) {
            check();
            log.add("block " + block.infoHash());
            blocks.put(block.infoHash(), block);
        }

        @Override
        public void deleteBlock(HashKey infoHash) {
            check();
            log.add("unblock " + infoHash);
            blocks.remove(infoHash);
        }

        @Override
        public List<Block> loadBlocks() {
            check();
            return List.copyOf(blocks.values());
        }

        @Override
        public void saveBan(Bans.Ban ban) {
            check();
            log.add("ban " + ban.cidr());
            bans.put(ban.cidr(), ban);
        }

        @Override
        public void deleteBan(org.seedcast.tracker.guard.Cidr cidr) {
            check();
            log.add("unban " + cidr);
            bans.remove(cidr);
        }

        @Override
        public List<Bans.Ban> loadBans() {
            check();
            return List.copyOf(bans.values());
        }
    }
}
