package org.seedcast.admin;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.TrackerStats;
import org.springframework.stereotype.Component;

/**
 * The swarms page's rows: every published torrent with its show, episode and swarm, the tracker's
 * in-memory counts joined with the catalog. A hybrid torrent's v1 and truncated v2 swarms are
 * added up, since clients join one or the other.
 */
@Component
class PublishedSwarms {

    private final Publishing publishing;
    private final Catalog catalog;
    private final Tracker tracker;

    PublishedSwarms(Publishing publishing, Catalog catalog, Tracker tracker) {
        this.publishing = publishing;
        this.catalog = catalog;
        this.tracker = tracker;
    }

    /** One row per published episode's torrent. */
    List<SwarmRow> all() {
        TrackerStats stats = tracker.stats();
        Map<String, TrackerStats.SwarmStats> swarms = swarmsByHash(stats);
        Map<Long, Placement> placements = placements();
        return publishing.published().stream()
                .filter(t -> placements.containsKey(t.episodeId()))
                .map(t -> row(t, placements.get(t.episodeId()).show(), placements.get(t.episodeId()).episode(), swarms,
                        stats.publisherSeedListed()))
                .toList();
    }

    /**
     * A torrent's row: its v1 swarm and, for a hybrid, its truncated v2 swarm, from {@code swarms} by
     * hex hash; the publisher's seed is in both when the tracker lists it.
     */
    private static SwarmRow row(TorrentPublished t, ShowView show, EpisodeView episode,
                                Map<String, TrackerStats.SwarmStats> swarms, boolean publisherSeed) {
        return SwarmRow.of(t, show, episode, TrackerStats.SwarmStats.together(swarms.get(t.v1().toHex()),
                t.v2Truncated() == null ? null : swarms.get(t.v2Truncated().toHex())), publisherSeed);
    }

    /**
     * The published torrent whose v1 or truncated v2 info-hash is {@code infoHashHex}, with its
     * show and episode; empty for any other text.
     */
    Optional<SwarmRow> one(String infoHashHex) {
        String hex = infoHashHex.toLowerCase(Locale.ROOT);
        return publishing.published().stream()
                .filter(t -> t.v1().toHex().equals(hex) || (t.v2Truncated() != null && t.v2Truncated().toHex().equals(hex)))
                .findFirst()
                .flatMap(t -> catalog.publishedEpisode(t.episodeId()).flatMap(episode -> catalog.show(episode.showSlug())
                        .map(show -> {
                            TrackerStats stats = tracker.stats();
                            return row(t, show, episode, swarmsByHash(stats), stats.publisherSeedListed());
                        })));
    }

    /**
     * The row's closed minutes (the last hour, oldest first) from the tracker's per-swarm rings,
     * a hybrid torrent's two swarms added up minute by minute.
     */
    List<TrackerStats.SwarmMinute> history(SwarmRow row) {
        List<TrackerStats.SwarmMinute> v1 = tracker.history(InfoHash.fromHex(row.infoHash()));
        if (row.v2InfoHash() == null) {
            return v1;
        }
        Map<Instant, TrackerStats.SwarmMinute> byMinute = new TreeMap<>();
        v1.forEach(m -> byMinute.put(m.minute(), m));
        tracker.history(InfoHash.fromHex(row.v2InfoHash())).forEach(m -> byMinute.merge(m.minute(), m,
                (a, b) -> new TrackerStats.SwarmMinute(a.minute(), a.seeders() + b.seeders(), a.leechers() + b.leechers(),
                        a.announces() + b.announces(), a.completed() + b.completed())));
        return List.copyOf(byMinute.values());
    }

    private static Map<String, TrackerStats.SwarmStats> swarmsByHash(TrackerStats stats) {
        return stats.swarms().stream()
                .collect(Collectors.toMap(s -> s.infoHash().toHex(), Function.identity(), (a, b) -> a));
    }

    /** Every published episode with its show, in two queries. */
    private Map<Long, Placement> placements() {
        Map<Long, ShowView> shows = catalog.allShows().stream()
                .collect(Collectors.toMap(ShowView::id, Function.identity()));
        Map<Long, Placement> placements = new HashMap<>();
        for (EpisodeView episode : catalog.publishedEpisodes(shows.values())) {
            placements.put(episode.id(), new Placement(shows.get(episode.showId()), episode));
        }
        return placements;
    }

    private record Placement(ShowView show, EpisodeView episode) {
    }
}
