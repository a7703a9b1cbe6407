package org.seedcast.catalog.web;

import org.seedcast.catalog.DownloadCounts;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.SwarmCounts;

/**
 * A published episode on the producer's dashboard: who shares it on the tracker now (fans, and
 * the publisher's seed apart), and how often it was downloaded directly and as a .torrent.
 */
public record EpisodeAudience(String showSlug, String showTitle, long episodeId, String episodeTitle,
                              int seeders, int leechers, long completed, long directDownloads, long torrentDownloads,
                              String sharing) {

    static EpisodeAudience of(ShowView show, EpisodeView episode, SwarmCounts.Counts swarm, DownloadCounts.Counts downloads) {
        return new EpisodeAudience(show.slug(), show.title(), episode.id(), episode.title(), swarm.seeders(),
                swarm.leechers(), swarm.completed(), downloads.direct(), downloads.torrent(), swarm.sharing());
    }
}
