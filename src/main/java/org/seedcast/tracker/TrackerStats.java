package org.seedcast.tracker;

import java.time.Instant;
import java.util.List;
import org.seedcast.torrent.InfoHash;

/**
 * The tracker at a glance, for the dashboard.
 *
 * @param seeders       fans with the whole file; the publisher's seed is never among them
 * @param leechers      fans downloading
 * @param swarms        every swarm with its counts, busiest first
 * @param recentMinutes per-minute samples, oldest first (up to the last hour)
 * @param publisherSeed the publisher's seed as listed in every published swarm, or {@code null} when none is
 */
public record TrackerStats(int trackedTorrents, int activeSwarms, long seeders, long leechers,
                           int unknownHashes, List<SwarmStats> swarms, List<MinuteSample> recentMinutes,
                           String publisherSeed) {

    /** Fans in all swarms, seeding or downloading. */
    public long peers() {
        return seeders + leechers;
    }

    /** Whether the tracker lists the publisher's seed in every published swarm. */
    public boolean publisherSeedListed() {
        return publisherSeed != null;
    }

    /**
     * One swarm: fans seeding and downloading now (the publisher's seed apart), downloads so far,
     * announces in the last full minute.
     *
     * @param lastAnnounce when a peer last announced to it; {@code null} if none since the tracker started
     */
    public record SwarmStats(InfoHash infoHash, int seeders, int leechers, long completed,
                             int announcesPerMinute, Instant lastAnnounce) {

        /**
         * A hybrid torrent's v1 and truncated v2 swarms as one, since clients join one or the other:
         * counts added up, the later last announce, named by the v1 hash. Either may be {@code null}
         * (no swarm), and the result is when both are.
         */
        public static SwarmStats together(SwarmStats v1, SwarmStats v2) {
            if (v1 == null || v2 == null) {
                return v1 == null ? v2 : v1;
            }
            Instant last = v1.lastAnnounce() == null ? v2.lastAnnounce() : v2.lastAnnounce() == null
                    || v1.lastAnnounce().isAfter(v2.lastAnnounce()) ? v1.lastAnnounce() : v2.lastAnnounce();
            return new SwarmStats(v1.infoHash(), v1.seeders() + v2.seeders(), v1.leechers() + v2.leechers(),
                    v1.completed() + v2.completed(), v1.announcesPerMinute() + v2.announcesPerMinute(), last);
        }
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
