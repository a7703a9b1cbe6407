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

    /**
     * One swarm: seeders and leechers now, downloads so far, announces in the last full minute.
     *
     * @param lastAnnounce when a peer last announced to it; {@code null} if none since the tracker started
     */
    public record SwarmStats(InfoHash infoHash, int seeders, int leechers, long completed,
                             int announcesPerMinute, Instant lastAnnounce) {
    }

    /**
     * One closed minute of one swarm, from the tracker's memory (the last hour; none survive a restart).
     *
     * @param announces announces in the minute
     * @param completed downloads completed in the minute
     */
    public record SwarmMinute(Instant minute, int seeders, int leechers, int announces, int completed) {
    }

    /** One closed minute of traffic. */
    public record MinuteSample(Instant minute, long announces, long scrapes, long refusals,
                               long rateLimited, int swarms, long seeders, long leechers,
                               int unknownHashes) {
    }
}
