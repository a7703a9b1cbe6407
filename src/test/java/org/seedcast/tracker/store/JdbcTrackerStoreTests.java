package org.seedcast.tracker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedcast.support.TestPostgres;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.Sighting;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store against a real PostgreSQL with the Flyway migrations applied. PostgreSQL refuses to
 * run as root, so this is skipped for root (as on a bare container); any other user runs it.
 */
class JdbcTrackerStoreTests {

    private static JdbcTrackerStore store;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        assumeFalse("root".equals(System.getProperty("user.name")), "PostgreSQL does not run as root");
        DataSource database = TestPostgres.createDatabase("tracker_store");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
        store = new JdbcTrackerStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)));
    }

    @Test
    void completedCountsAddWhatEachNodeCounted() {
        HashKey key = new HashKey(0x1111111111111111L, 0x2222222222222222L, 0x33333333);
        store.saveCompletedCounts(Map.of(key, 5L)); // one node's completions
        store.saveCompletedCounts(Map.of(key, 2L)); // another's, or the first node's next flush
        assertThat(store.loadCompletedCounts()).containsEntry(key, 7L);
    }

    /**
     * Two members of a tracker cluster, each flushing what it counted. The second joined after a
     * download completed on the first (the peers a joining member copies carry no event), so its
     * replica counts one less; the first is then killed before its next flush.
     */
    @Test
    void twoClusterMembersStoreEachCompletionOnceEvenWhenOneMissedSomeAndTheOtherDies() {
        HashKey key = new HashKey(0x4444444444444444L, 0x5555555555555555L, 0x66666666);
        AtomicInteger seconds = new AtomicInteger(100);
        SwarmStore first = member(seconds);
        SwarmStore second = member(seconds);
        complete(first, key, Endpoint.ipv4(0x0A000001, 6881));
        first.drainChanges(ByteBuffer.allocate(first.maxChangeBytes())); // sent before the second listened
        second.applyChanges(ByteBuffer.wrap(first.exportPeers(0, SwarmStore.shards())));
        flush(first);

        complete(second, key, Endpoint.ipv4(0x0A000002, 6881));
        ByteBuffer news = ByteBuffer.allocate(second.maxChangeBytes());
        second.drainChanges(news);
        first.applyChanges(news.flip());
        flush(second); // the first dies unflushed: the second's own download must still be stored

        assertThat(store.loadCompletedCounts()).containsEntry(key, 2L);
    }

    private static SwarmStore member(AtomicInteger seconds) {
        return new SwarmStore(3600, seconds::get, SwarmCaps.DEFAULTS, SeedPeer.NONE, true);
    }

    private static void complete(SwarmStore member, HashKey key, Endpoint fan) {
        for (Event event : List.of(Event.STARTED, Event.COMPLETED)) {
            member.announce(new AnnounceRequest(key, 0, 0, 0, event == Event.STARTED ? 5 : 0, event, fan.port(), 50,
                    true, null), fan, 50, true, false, new SelectedPeers(50), new SplittableRandom(1));
        }
    }

    private static void flush(SwarmStore member) {
        Map<HashKey, Long> completed = member.unflushedCompleted();
        store.saveCompletedCounts(completed);
        member.markFlushed(completed);
    }

    @Test
    void sightingsAddTheirNewAnnounces() {
        HashKey key = new HashKey(0xAAAAL, 0xBBBBL, 0xCCCC);
        List<Sighting.Count> sources = List.of(new Sighting.Count("192.0.2.1", 3));
        store.saveUnknownTorrents(List.of(new Sighting(key, 1000, 2000, 3, 3, 1, sources, List.of())));
        store.saveUnknownTorrents(List.of(new Sighting(key, 1000, 5000, 10, 7, 2, sources,
                List.of(new Sighting.Count("-qB4500-", 10)))));
        Map<String, Object> row = jdbc.sql("select announces, distinct_sources, top_sources, clients, last_seen"
                + " from unknown_torrents where info_hash = :h").param("h", key.toString()).query().singleRow();
        assertThat(row).containsEntry("announces", 10L).containsEntry("distinct_sources", 2L)
                .containsEntry("top_sources", "192.0.2.1=3").containsEntry("clients", "-qB4500-=10");
    }

    @Test
    void storedSightingsReadBackMostAnnouncedFirstForEveryNodesList() {
        HashKey more = new HashKey(0x7A7AL, 1, 1);
        HashKey fewer = new HashKey(0x7B7BL, 1, 1);
        store.saveUnknownTorrents(List.of(
                new Sighting(fewer, 1_000, 2_000, 1_000_001, 1_000_001, 1, List.of(), List.of()),
                new Sighting(more, 3_000, 4_000, 2_000_002, 2_000_002, 9,
                        List.of(new Sighting.Count("2001:db8:0:1:0:0:0:0/64", 5), new Sighting.Count("192.0.2.1", 3)),
                        List.of(new Sighting.Count("-qB4500-", 8)))));

        assertThat(store.loadUnknownTorrents(2)).containsExactly(
                new Sighting(more, 3_000, 4_000, 2_000_002, 0, 9,
                        List.of(new Sighting.Count("2001:db8:0:1:0:0:0:0/64", 5), new Sighting.Count("192.0.2.1", 3)),
                        List.of(new Sighting.Count("-qB4500-", 8))),
                new Sighting(fewer, 1_000, 2_000, 1_000_001, 0, 1, List.of(), List.of()));
    }

    @Test
    void blocksAndBansRoundTrip() {
        HashKey key = new HashKey(7, 8, 9);
        store.saveBlock(new TrackerStore.Block(key, "spam"));
        assertThat(store.loadBlocks()).contains(new TrackerStore.Block(key, "spam"));
        store.deleteBlock(key);
        assertThat(store.loadBlocks()).doesNotContain(new TrackerStore.Block(key, "spam"));

        Bans.Ban ban = new Bans.Ban(Cidr.parse("2001:db8::/32"), "flood", Instant.parse("2026-01-01T00:00:00Z"));
        store.saveBan(ban);
        assertThat(store.loadBans()).contains(ban);
        store.deleteBan(ban.cidr());
        assertThat(store.loadBans()).doesNotContain(ban);
    }

    @Test
    void aBatchThatFailsHalfwayWritesNothingSoItsRetryCountsEachAnnounceOnce() {
        HashKey first = new HashKey(0xF1F1L, 0xF2F2L, 0xF3F3);
        HashKey second = new HashKey(0xE1E1L, 0xE2E2L, 0xE3E3);
        List<Sighting.Count> sources = List.of(new Sighting.Count("192.0.2.1", 5));
        Sighting good = new Sighting(first, 1000, 2000, 5, 5, 1, sources, List.of());
        // PostgreSQL refuses a NUL in text: the second row's upsert fails after the first one ran
        Sighting failing = new Sighting(second, 1000, 2000, 4, 4, 1, List.of(new Sighting.Count("bad\0", 4)), List.of());
        assertThatThrownBy(() -> store.saveUnknownTorrents(List.of(good, failing))).isInstanceOf(RuntimeException.class);

        Sighting second2 = new Sighting(second, 1000, 2000, 4, 4, 1, sources, List.of());
        store.saveUnknownTorrents(List.of(good, second2)); // the housekeeper's next round: the same batch

        assertThat(announces(first)).isEqualTo(5);
        assertThat(announces(second)).isEqualTo(4);
    }

    @Test
    void unreadableRowsAreSkippedAndTheRestLoaded() {
        jdbc.sql("insert into bans (cidr, reason, created_at) values ('not-an-ip', 'typo', now() - interval '2 minutes'),"
                + " ('dead.beef', 'a name', now() - interval '1 minute'), ('198.51.100.0/24', 'flood', now())").update();
        try {
            assertThat(store.loadBans()).extracting(b -> b.cidr().text()).containsExactly("198.51.100.0/24");
        } finally {
            jdbc.sql("delete from bans").update();
        }
    }

    private long announces(HashKey key) {
        return jdbc.sql("select announces from unknown_torrents where info_hash = :h").param("h", key.toString())
                .query(Long.class).single();
    }
}
