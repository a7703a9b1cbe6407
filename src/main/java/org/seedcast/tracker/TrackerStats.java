package org.seedcast.tracker;

import java.time.Instant;
import java.util.List;
import org.seedcast.torrent.InfoHash;

/**
 * The tracker at a glance, for the dashboard.
 *
 * @param swarms        every swarm with its counts, busiest first
 * @param recentMinutes per-minute samples, oldest first (up to the last hour)
 */
public record TrackerStats(int trackedTorrents, int activeSwarms, long seeders, long leechers,
                           int unknownHashes, List<SwarmStats> swarms, List<MinuteSample> recentMinutes) {

    public long peers() {
        return seeders + leechers;
    }

    /** One swarm: seeders and leechers now, downloads so far, announces in the last full minute. */
    public record SwarmStats(InfoHash infoHash, int seeders, int leechers, long completed,
                             int announcesPerMinute) {
    }

    /** One closed minute of traffic. */
    public record MinuteSample(Instant minute, long announces, long scrapes, long refusals,
                               long rateLimited, int swarms, long seeders, long leechers,
                               int unknownHashes) {
    }
}
