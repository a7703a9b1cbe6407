package org.seedcast.traffic;

import java.util.HashMap;
import java.util.Map;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.seeder.SeedTraffic;
import org.seedcast.storage.WebSeedTraffic;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.springframework.stereotype.Component;

/** The counters the seeder, the web seed and the tracker keep in memory, read without touching their hot paths. */
@Component
class LiveCounters implements TrafficCounters {

    private final SeedTraffic seed;
    private final WebSeedTraffic webSeed;
    private final Tracker tracker;
    private final Publishing publishing;

    LiveCounters(SeedTraffic seed, WebSeedTraffic webSeed, Tracker tracker, Publishing publishing) {
        this.seed = seed;
        this.webSeed = webSeed;
        this.tracker = tracker;
        this.publishing = publishing;
    }

    @Override
    public Reading read() {
        return new Reading(seed.sentByEpisode(), webSeed.sentByEpisode(WebSeedTraffic.Client.BITTORRENT),
                webSeed.sentByEpisode(WebSeedTraffic.Client.PLAIN), tracker.downloadedByTorrent(), episodes());
    }

    private Map<InfoHash, Long> episodes() {
        Map<InfoHash, Long> episodes = new HashMap<>();
        for (TorrentPublished t : publishing.published()) {
            episodes.put(t.v1(), t.episodeId());
            if (t.v2Truncated() != null) {
                episodes.put(t.v2Truncated(), t.episodeId());
            }
        }
        return episodes;
    }
}
