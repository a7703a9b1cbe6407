package org.seedcast.admin;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.SwarmCounts;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.seedcast.torrent.InfoHashV2;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.TrackerStats;
import org.springframework.stereotype.Component;

/**
 * Every published torrent with its show, episode and swarm: the tracker's in-memory counts
 * joined with the catalog. A hybrid torrent's v1 and truncated v2 swarms are added up, since
 * clients join one or the other.
 */
@Component
class PublishedSwarms implements SwarmCounts {

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
        return SwarmRow.of(t, show, episode, swarms.get(t.v1().toHex()),
                t.v2Truncated() == null ? null : swarms.get(t.v2Truncated().toHex()), publisherSeed);
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

    @Override
    public Map<Long, Counts> forEpisodes(Collection<Long> episodeIds) {
        Set<Long> wanted = new HashSet<>(episodeIds);
        TrackerStats stats = tracker.stats();
        Map<String, TrackerStats.SwarmStats> swarms = swarmsByHash(stats);
        Map<Long, Counts> counts = new HashMap<>();
        for (TorrentPublished t : publishing.published()) {
            if (wanted.contains(t.episodeId())) {
                TrackerStats.SwarmStats v1 = swarms.get(t.v1().toHex());
                TrackerStats.SwarmStats v2 = t.v2Truncated() == null ? null : swarms.get(t.v2Truncated().toHex());
                counts.put(t.episodeId(), new Counts(SwarmRow.seeders(v1, v2), SwarmRow.leechers(v1, v2),
                        SwarmRow.completed(v1, v2), stats.publisherSeedListed()));
            }
        }
        return counts;
    }

    @Override
    public Counts forTorrent(String infoHash, String infoHashV2) {
        TrackerStats.SwarmStats v1 = tracker.swarm(InfoHash.fromHex(infoHash)).orElse(null);
        TrackerStats.SwarmStats v2 = infoHashV2 == null ? null
                : tracker.swarm(InfoHashV2.fromHex(infoHashV2).truncated()).orElse(null);
        return new Counts(SwarmRow.seeders(v1, v2), SwarmRow.leechers(v1, v2), SwarmRow.completed(v1, v2),
                tracker.publisherSeed().isPresent());
    }

    private static Map<String, TrackerStats.SwarmStats> swarmsByHash(TrackerStats stats) {
        return stats.swarms().stream()
                .collect(Collectors.toMap(s -> s.infoHash().toHex(), Function.identity(), (a, b) -> a));
    }

    /** One query per show, not per torrent. */
    private Map<Long, Placement> placements() {
        Map<Long, Placement> placements = new HashMap<>();
        for (ShowView show : catalog.allShows()) {
            for (EpisodeView episode : catalog.publishedEpisodes(show.slug())) {
                placements.put(episode.id(), new Placement(show, episode));
            }
        }
        return placements;
    }

    private record Placement(ShowView show, EpisodeView episode) {
    }
}
