package org.seedcast.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.DownloadCounts;
import org.seedcast.catalog.EpisodeTraffic;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.SwarmCounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The producers' audience: the catalog's published episodes joined with the figures the modules
 * downstream of it count (swarms by the tracker, downloads, traffic), each asked once for all
 * episodes. A module that is absent (a slice of the application) counts as zero.
 */
@Component
class StudioAudience {

    private final Catalog catalog;
    private final ObjectProvider<SwarmCounts> swarmCounts;
    private final ObjectProvider<DownloadCounts> downloadCounts;
    private final ObjectProvider<EpisodeTraffic> episodeTraffic;

    StudioAudience(Catalog catalog, ObjectProvider<SwarmCounts> swarmCounts,
                   ObjectProvider<DownloadCounts> downloadCounts, ObjectProvider<EpisodeTraffic> episodeTraffic) {
        this.catalog = catalog;
        this.swarmCounts = swarmCounts;
        this.downloadCounts = downloadCounts;
        this.episodeTraffic = episodeTraffic;
    }

    /** The published episodes of these shows with their figures, by show in the order given, newest first. */
    List<EpisodeAudience> of(List<ShowView> shows) {
        List<EpisodeView> published = catalog.publishedEpisodes(shows);
        if (published.isEmpty()) {
            return List.of();
        }
        List<Long> ids = published.stream().map(EpisodeView::id).toList();
        SwarmCounts swarms = swarmCounts.getIfAvailable();
        Map<Long, SwarmCounts.Counts> swarm = swarms == null ? Map.of() : swarms.forEpisodes(ids);
        EpisodeTraffic traffic = episodeTraffic.getIfAvailable();
        Map<Long, EpisodeTraffic.Figures> bytes = traffic == null ? Map.of() : traffic.forEpisodes(ids);
        DownloadCounts downloads = downloadCounts.getIfAvailable();
        Map<Long, DownloadCounts.Counts> downloaded = downloads == null ? Map.of() : downloads.forEpisodes(ids);
        Map<Long, List<EpisodeView>> byShow = published.stream()
                .collect(Collectors.groupingBy(EpisodeView::showId));
        List<EpisodeAudience> rows = new ArrayList<>();
        for (ShowView show : shows) {
            for (EpisodeView episode : byShow.getOrDefault(show.id(), List.of())) {
                rows.add(EpisodeAudience.of(show, episode, swarm.getOrDefault(episode.id(), SwarmCounts.Counts.NONE),
                        downloaded.getOrDefault(episode.id(), DownloadCounts.Counts.NONE), bytes.getOrDefault(episode.id(), EpisodeTraffic.Figures.NONE)));
            }
        }
        return rows;
    }

    /** What BitTorrent saved on these episodes, added up, with its history. */
    AudienceTraffic traffic(List<Long> episodeIds) {
        return AudienceTraffic.of(episodeTraffic.getIfAvailable(), episodeIds);
    }

    DownloadCounts.Counts downloads(long episodeId) {
        DownloadCounts counts = downloadCounts.getIfAvailable();
        return counts == null ? DownloadCounts.Counts.NONE : counts.forEpisode(episodeId);
    }

    EpisodeTraffic.Figures traffic(long episodeId) {
        EpisodeTraffic traffic = episodeTraffic.getIfAvailable();
        return traffic == null ? EpisodeTraffic.Figures.NONE
                : traffic.forEpisodes(List.of(episodeId)).getOrDefault(episodeId, EpisodeTraffic.Figures.NONE);
    }
}
