package org.seedcast.tracker;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.seedcast.catalog.SwarmCounts;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.seedcast.torrent.InfoHashV2;
import org.springframework.stereotype.Component;

/**
 * Who shares each published episode, for the catalog's pages (the studio, an episode's page): the
 * tracker counts them, and the catalog, upstream of it, asks through {@link SwarmCounts}. A hybrid
 * torrent's v1 and truncated v2 swarms are added up.
 */
@Component
class EpisodeSwarms implements SwarmCounts {

    private final Tracker tracker;
    private final Publishing publishing;

    EpisodeSwarms(Tracker tracker, Publishing publishing) {
        this.tracker = tracker;
        this.publishing = publishing;
    }

    @Override
    public Map<Long, Counts> forEpisodes(Collection<Long> episodeIds) {
        Set<Long> wanted = new HashSet<>(episodeIds);
        boolean publisherSeed = tracker.publisherSeed().isPresent();
        Map<Long, Counts> counts = new HashMap<>();
        for (TorrentPublished t : publishing.published()) {
            if (wanted.contains(t.episodeId())) {
                counts.put(t.episodeId(), counts(t.v1(), t.v2Truncated(), publisherSeed));
            }
        }
        return counts;
    }

    @Override
    public Counts forTorrent(String infoHash, String infoHashV2) {
        return counts(InfoHash.fromHex(infoHash), infoHashV2 == null ? null : InfoHashV2.fromHex(infoHashV2).truncated(),
                tracker.publisherSeed().isPresent());
    }

    private Counts counts(InfoHash v1, InfoHash v2Truncated, boolean publisherSeed) {
        TrackerStats.SwarmStats swarm = TrackerStats.SwarmStats.together(tracker.swarm(v1).orElse(null),
                v2Truncated == null ? null : tracker.swarm(v2Truncated).orElse(null));
        return swarm == null ? new Counts(0, 0, 0, publisherSeed)
                : new Counts(swarm.seeders(), swarm.leechers(), swarm.completed(), publisherSeed);
    }
}
