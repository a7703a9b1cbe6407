package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.Seedable;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.util.unit.DataSize;

class SeedingTests {

    @TempDir
    Path dir;

    Publishing publishing = mock(Publishing.class);
    SeedRegistry registry = new SeedRegistry();
    Seedable v1;
    Seedable hybrid;

    @BeforeEach
    void media() throws Exception {
        v1 = SeedFixture.seedable(1, SeedFixture.media(dir, "one.mp4", 50_000, 1), TorrentFormat.V1);
        hybrid = SeedFixture.seedable(2, SeedFixture.media(dir, "two.mp4", 60_000, 2), TorrentFormat.HYBRID);
    }

    Seeding seeding(Duration spreading, Instant now) {
        SeederProperties settings = new SeederProperties("", 1, DataSize.ofBytes(0), DataSize.ofBytes(0), 1,
                Duration.ofSeconds(15), 250, 100, 16, Duration.ofSeconds(10), Duration.ofMinutes(4), Duration.ofMinutes(2),
                spreading, DataSize.ofMegabytes(8), 100);
        return new Seeding(registry, publishing, id -> Optional.empty(), settings, Clock.fixed(now, ZoneOffset.UTC),
                SeedFixture.pieces());
    }

    @Test
    void servesEveryPublishedTorrentByItsV1AndTruncatedV2Hashes() {
        when(publishing.seedable()).thenReturn(List.of(v1, hybrid));
        seeding(Duration.ZERO, Instant.now()).loadAll();

        assertThat(registry.find(v1.torrent().infoHash()).episodeId()).isEqualTo(1);
        assertThat(registry.find(hybrid.torrent().infoHash()).episodeId()).isEqualTo(2);
        assertThat(registry.find(hybrid.torrent().infoHashV2().orElseThrow().truncated()).episodeId()).isEqualTo(2);
        assertThat(registry.find(hybrid.torrent().infoHash()).piecesRoot()).hasSize(32);
        assertThat(registry.find(v1.torrent().infoHash()).infoDict()).startsWith((byte) 'd');
    }

    @Test
    void aPublishedEpisodeIsServedAndAWithdrawnOneNoLonger() {
        Seeding seeding = seeding(Duration.ZERO, Instant.now());
        when(publishing.seedable(2)).thenReturn(Optional.of(hybrid));

        seeding.published(2);
        SeededTorrent served = registry.find(hybrid.torrent().infoHash());
        assertThat(served).isNotNull();

        seeding.withdrawn(2);
        assertThat(registry.find(hybrid.torrent().infoHash())).isNull();
        assertThat(registry.find(hybrid.torrent().infoHashV2().orElseThrow().truncated())).isNull();
        assertThat(served.withdrawn()).isTrue();
    }

    @Test
    void spreadsTheFirstHoursOfAnEpisodeOnlyWhenTurnedOn() {
        // v1 was published at 2026-12-01T00:00Z (SeedFixture)
        when(publishing.seedable()).thenReturn(List.of(v1));
        Instant twoHoursLater = Instant.parse("2026-12-01T02:00:00Z");

        seeding(Duration.ofHours(3), twoHoursLater).loadAll();
        assertThat(spreads(registry.find(v1.torrent().infoHash()))).isTrue();

        seeding(Duration.ofHours(1), twoHoursLater).loadAll();
        assertThat(spreads(registry.find(v1.torrent().infoHash()))).isFalse();

        seeding(Duration.ZERO, twoHoursLater).loadAll();
        assertThat(spreads(registry.find(v1.torrent().infoHash()))).isFalse();
    }

    /** With one slot taken, whether the waiting peer with fewer pieces is served before the one waiting longer. */
    static boolean spreads(SeededTorrent torrent) {
        Choker choker = torrent.choker();
        ChokerTests.Peer busy = new ChokerTests.Peer("busy", 0);
        ChokerTests.Peer optimistic = new ChokerTests.Peer("optimistic", 0);
        ChokerTests.Peer early = new ChokerTests.Peer("early", 50);
        ChokerTests.Peer few = new ChokerTests.Peer("few", 1);
        choker.interested(busy);
        choker.interested(optimistic);
        choker.interested(early);
        choker.interested(few);
        choker.notInterested(busy);
        return few.unchoked;
    }

    @Test
    void reconcilingHealsAMissedPublishAtOnceAndAMissedWithdrawalSeenTwice() {
        Seeding seeding = seeding(Duration.ZERO, Instant.now());
        when(publishing.seedable(2)).thenReturn(Optional.of(hybrid));
        seeding.published(2);
        when(publishing.seedable(1)).thenReturn(Optional.of(v1));
        when(publishing.published()).thenReturn(List.of(
                new TorrentPublished(1, v1.torrent().infoHash(), null)));

        seeding.reconcile();
        assertThat(registry.find(v1.torrent().infoHash())).as("missed publish").isNotNull();
        assertThat(registry.find(hybrid.torrent().infoHash())).as("maybe not committed yet").isNotNull();

        seeding.reconcile();
        assertThat(registry.find(hybrid.torrent().infoHash())).as("missed withdrawal").isNull();
        assertThat(registry.find(v1.torrent().infoHash())).isNotNull();
    }
}
