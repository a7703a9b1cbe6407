package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodePublished;
import org.seedcast.catalog.EpisodeStatus;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.MediaFacts;
import org.seedcast.catalog.ShowView;
import org.seedcast.storage.MediaStore;
import org.seedcast.torrent.PieceHasher;
import org.seedcast.torrent.TestIdentities;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationEventPublisher;

/**
 * From the tracker's host setting to the announce-list of the torrent publishing signs and stores:
 * the real torrent code, with the catalog, the media store and the repository stood in for.
 */
class TorrentAnnounceListTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID MEDIA = UUID.randomUUID();

    @TempDir
    Path identityDir;
    /** Set by {@link #publishWith}. */
    private TorrentRepository torrents;
    private Publishing publishing;
    private ArgumentCaptor<TorrentRecord> saved;

    @Test
    void anIpv6TrackerHostIsBracketedInTheTorrentsAnnounceList() throws Exception {
        byte[] torrent = publishWith(Map.of("seedcast.tracker.host", "::1"));

        assertThat(Torrent.parse(torrent).trackers().stream().map(URI::toString).distinct())
                .containsExactly("http://[::1]:6969/announce", "udp://[::1]:6969/announce");
        assertThat(new String(torrent, StandardCharsets.ISO_8859_1))
                .contains("13:announce-listll26:http://[::1]:6969/announce25:udp://[::1]:6969/announceee");
    }

    @Test
    void withoutATrackerHostTheAnnounceListNamesThePublicUrlsHost() throws Exception {
        byte[] torrent = publishWith(Map.of("seedcast.tracker.port", "7000"));

        assertThat(Torrent.parse(torrent).trackers().stream().map(URI::toString).distinct())
                .containsExactly("http://shows.example.org:7000/announce", "udp://shows.example.org:7000/announce");
    }

    @Test
    void aTorrentServedWithTheClustersMoreHostsListsThemAndIsNamedAfterItsFile() throws Exception {
        byte[] stored = publishWith(Map.of("seedcast.tracker.host", "t1.example.org",
                "seedcast.tracker.more-hosts", "t2.example.org"));
        TorrentRecord record = saved.getValue();
        when(torrents.findByInfoHashAndPublishedTrue(record.getInfoHash())).thenReturn(Optional.of(record));

        Publishing.TorrentFile served = publishing.torrentFile(record.getInfoHash().toUpperCase(Locale.ROOT)).orElseThrow();

        assertThat(served.fileName()).isEqualTo("pilot.mp4.torrent");
        assertThat(Torrent.parse(served.bytes()).trackers().stream().map(URI::toString).distinct())
                .containsExactly("http://t1.example.org:6969/announce", "udp://t1.example.org:6969/announce",
                        "http://t2.example.org:6969/announce", "udp://t2.example.org:6969/announce");
        assertThat(Torrent.parse(served.bytes()).infoHash()).isEqualTo(Torrent.parse(stored).infoHash());
    }

    @Test
    void aDamagedStoredTorrentIsStillServedAsStoredUnderItsInfoHash() throws Exception {
        publishWith(Map.of());
        TorrentRecord damaged = new TorrentRecord(8, NOW);
        damaged.publish("ab".repeat(20), null, new byte[] {'d', 'x'}, NOW);
        when(torrents.findByInfoHashAndPublishedTrue("ab".repeat(20))).thenReturn(Optional.of(damaged));

        Publishing.TorrentFile served = publishing.torrentFile("ab".repeat(20)).orElseThrow();

        assertThat(served.fileName()).isEqualTo("ab".repeat(20) + ".torrent");
        assertThat(served.bytes()).containsExactly('d', 'x');
    }

    /** Publishes one small episode with the tracker settings given; returns the stored torrent's bytes. */
    private byte[] publishWith(Map<String, String> trackerSettings) throws Exception {
        TrackerAddress tracker = new Binder(new MapConfigurationPropertySource(trackerSettings))
                .bindOrCreate("seedcast.tracker", TrackerAddress.class);
        CatalogProperties site = new CatalogProperties(URI.create("https://shows.example.org"), Duration.ofSeconds(15));
        byte[] media = new byte[40_000];
        PieceHasher hasher = PieceHasher.start(media.length, 16 * 1024, TorrentFormat.V1);
        hasher.update(media, 0, media.length);

        Catalog catalog = mock(Catalog.class);
        when(catalog.requireShow("show")).thenReturn(new ShowView(1, "show", "Show", "", "Studio", "en", "Arts",
                false, "v1", false, Set.of(), NOW, NOW));
        MediaStore mediaStore = mock(MediaStore.class);
        when(mediaStore.hashes(MEDIA)).thenReturn(Optional.of(hasher.finish()));
        torrents = mock(TorrentRepository.class);
        when(torrents.findById(7L)).thenReturn(Optional.empty());
        when(torrents.findByInfoHash(any())).thenReturn(Optional.empty());
        publishing = new Publishing(torrents, catalog, mediaStore,
                TestIdentities.in(identityDir, "org.example.shows"), site, tracker, null,
                new WebSeedMirrors(null), mock(ApplicationEventPublisher.class), Clock.fixed(NOW, ZoneOffset.UTC));

        publishing.on(new EpisodePublished(new EpisodeView(7, 1, "show", UUID.randomUUID(), "Pilot", "", null, null,
                EpisodeStatus.PUBLISHED, null, NOW, MEDIA, "pilot.mp4", "video/mp4", (long) media.length, null,
                NOW, NOW, null, MediaFacts.none())));

        saved = ArgumentCaptor.forClass(TorrentRecord.class);
        verify(torrents).save(saved.capture());
        return saved.getValue().getTorrent();
    }
}
