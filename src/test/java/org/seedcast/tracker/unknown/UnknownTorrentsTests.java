package org.seedcast.tracker.unknown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.HashKey;

class UnknownTorrentsTests {

    private static long prefix(String eight) {
        long v = 0;
        for (char c : eight.toCharArray()) {
            v = v << 8 | c;
        }
        return v;
    }

    private static long ipv4(int a) {
        return (1L << 32) | (a & 0xFFFF_FFFFL);
    }

    @Test
    void keepsTheHeaviestSourcesOfRequestsRefusedUnreadEvenAmongManyOthers() {
        UnknownTorrents unknown = new UnknownTorrents(100);
        for (int i = 0; i < 100_000; i++) {
            unknown.refused(ipv4(0x7F000001)); // the flood: 127.0.0.1
            unknown.refused(ipv4(0x0A000000 + i)); // 100,000 sources seen once each
        }

        var top = unknown.refusedSources();

        assertThat(top.get(0).name()).isEqualTo("127.0.0.1");
        assertThat(top.get(0).count()).isGreaterThanOrEqualTo(100_000);
        assertThat(top).hasSizeLessThanOrEqualTo(16);
        assertThat(unknown.size()).as("no foreign torrent was named").isZero();
    }

    @Test
    void recordsFirstAndLastSeenCountsSourcesAndClients() {
        UnknownTorrents unknown = new UnknownTorrents(100);
        HashKey h = new HashKey(1, 2, 3);
        for (int i = 0; i < 30; i++) {
            unknown.record(h, ipv4(0xC0000201), prefix("-qB4500-"), 1000 + i);
        }
        for (int i = 0; i < 10; i++) {
            unknown.record(h, ipv4(0xC0000300 + i), prefix("-TR3000-"), 2000 + i);
        }
        Sighting s = unknown.snapshot().get(0);
        assertThat(s.firstSeenMillis()).isEqualTo(1000);
        assertThat(s.lastSeenMillis()).isEqualTo(2009);
        assertThat(s.announces()).isEqualTo(40);
        assertThat(s.distinctSources()).isBetween(9L, 13L);
        assertThat(s.sources().get(0)).isEqualTo(new Sighting.Count("192.0.2.1", 30));
        assertThat(s.clients()).extracting(Sighting.Count::name).containsExactly("-qB4500-", "-TR3000-");
    }

    @Test
    void distinctSourcesAreEstimatedWithinAFewPercentForLargeCounts() {
        UnknownTorrents unknown = new UnknownTorrents(100);
        HashKey h = new HashKey(9, 9, 9);
        for (int i = 0; i < 100_000; i++) {
            unknown.record(h, ipv4(i), 0, 1);
        }
        assertThat(unknown.snapshot().get(0).distinctSources()).isBetween(60_000L, 140_000L);
    }

    @Test
    void aMillionDistinctJunkHashesStayWithinCapacityAndHeavyHittersSurvive() {
        UnknownTorrents unknown = new UnknownTorrents(10_000);
        HashKey heavy = new HashKey(0xFEED, 0xBEEF, 0xF00D);
        for (int i = 0; i < 1_000_000; i++) {
            unknown.record(new HashKey(i * 0x9E3779B97F4A7C15L, i, i), ipv4(i), prefix("-XX0000-"), i);
            if (i % 100 == 0) {
                unknown.record(heavy, ipv4(7), prefix("-qB4500-"), i);
            }
        }
        // memory stays bounded because the table does: the heap a JVM reports is bench/flood.sh's to measure
        assertThat(unknown.size()).isLessThanOrEqualTo(10_000);
        assertThat(unknown.evictions()).isGreaterThan(900_000);
        List<Sighting> top = unknown.snapshot();
        assertThat(top.get(0).infoHash()).isEqualTo(heavy);
        assertThat(top.get(0).announces()).isEqualTo(10_000);
    }

    @Test
    void flushingTracksNewAnnouncesAndPublishedHashesAreForgotten() {
        UnknownTorrents unknown = new UnknownTorrents(100);
        HashKey h = new HashKey(1, 1, 1);
        unknown.record(h, ipv4(1), 0, 1);
        unknown.record(h, ipv4(1), 0, 2);
        List<Sighting> batch = unknown.unflushed();
        assertThat(batch.get(0).newAnnounces()).isEqualTo(2);
        unknown.markFlushed(batch);
        assertThat(unknown.unflushed()).isEmpty();
        unknown.record(h, ipv4(1), 0, 3);
        assertThat(unknown.unflushed().get(0).newAnnounces()).isEqualTo(1);
        unknown.forget(h);
        assertThat(unknown.size()).isZero();
    }

    @Test
    void anEvictedEntryKeepsItsUnflushedAnnouncesUntilTheyAreFlushed() {
        UnknownTorrents unknown = new UnknownTorrents(16 * 8); // 8 entries per stripe
        for (int i = 1; i <= 8; i++) {
            for (int n = 0; n < i; n++) {
                unknown.record(new HashKey(i, 0, 16), ipv4(2), 0, 20); // every key here is in stripe 0
            }
        }
        unknown.record(new HashKey(9, 0, 16), ipv4(3), 0, 30); // the stripe is full: one entry goes

        assertThat(unknown.evictions()).isEqualTo(1);
        List<Sighting> batch = unknown.unflushed();
        assertThat(batch).hasSize(9);
        assertThat(batch.stream().mapToLong(Sighting::newAnnounces).sum()).isEqualTo(36 + 1);
        HashKey gone = batch.stream().map(Sighting::infoHash)
                .filter(h -> unknown.snapshot().stream().noneMatch(s -> s.infoHash().equals(h))).findFirst().orElseThrow();
        assertThat(batch).filteredOn(s -> s.infoHash().equals(gone)).singleElement()
                .satisfies(s -> assertThat(s.newAnnounces()).isEqualTo(gone.high()));

        unknown.markFlushed(batch);

        assertThat(unknown.unflushed()).isEmpty();
        assertThat(unknown.lostAnnounces()).isZero();
    }

    @Test
    void evictedAnnouncesAreCarriedWithinABoundAndWhatIsGivenUpIsCounted() {
        UnknownTorrents unknown = new UnknownTorrents(16 * 8);
        for (int i = 0; i < 1000; i++) {
            unknown.record(new HashKey(i, 0, 16), ipv4(i), 0, i); // all in stripe 0, one announce each
        }
        List<Sighting> batch = unknown.unflushed();
        assertThat(batch).hasSize(8 + 8); // the table's 8 and, carried, 8 evicted
        assertThat(unknown.lostAnnounces()).isEqualTo(1000 - 16);
        assertThat(batch.stream().mapToLong(Sighting::newAnnounces).sum() + unknown.lostAnnounces()).isEqualTo(1000);
    }
}
