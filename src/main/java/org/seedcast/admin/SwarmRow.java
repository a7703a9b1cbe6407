package org.seedcast.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.SwarmCounts;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.tracker.TrackerStats.SwarmStats;

/**
 * A published torrent on the swarms page.
 *
 * @param infoHash     the v1 info-hash, which names the torrent in links
 * @param v2InfoHash   a hybrid torrent's truncated v2 info-hash, else {@code null}
 * @param seeders       fans seeding (the publisher's seed apart)
 * @param leechers      fans downloading
 * @param lastAnnounce  the last announce to either swarm; {@code null} if none since the tracker started
 * @param health        {@code ok} when fans seed; {@code publisher-seed-only} when leechers have no fan
 *                      seeding, only the publisher's seed (and the web seed); {@code web-seed-only} when
 *                      they have the web seed alone; {@code idle} when nobody announced in the last minute
 *                      and no fan is listed
 * @param publisherSeed whether the tracker lists the publisher's seed in the swarm
 */
record SwarmRow(long episodeId, String showSlug, String showTitle, String episodeTitle, String infoHash,
                String v2InfoHash, int seeders, int leechers, long completed, int announcesPerMinute,
                Instant lastAnnounce, String health, boolean publisherSeed) {

    /** @param swarm the torrent's swarm (a hybrid's two added up), {@code null} when it has none */
    static SwarmRow of(TorrentPublished torrent, ShowView show, EpisodeView episode, SwarmStats swarm,
                       boolean publisherSeed) {
        int seeders = swarm == null ? 0 : swarm.seeders();
        int leechers = swarm == null ? 0 : swarm.leechers();
        int announces = swarm == null ? 0 : swarm.announcesPerMinute();
        String health = seeders + leechers == 0 && announces == 0 ? "idle" : seeders > 0 ? "ok"
                : publisherSeed ? "publisher-seed-only" : "web-seed-only";
        return new SwarmRow(episode.id(), show.slug(), show.title(), episode.title(), torrent.v1().toHex(),
                torrent.v2Truncated() == null ? null : torrent.v2Truncated().toHex(),
                seeders, leechers, swarm == null ? 0 : swarm.completed(), announces,
                swarm == null ? null : swarm.lastAnnounce(), health, publisherSeed);
    }

    /** {@code 12 fans sharing · publisher's seed online}, as the swarm pages say it. */
    public String sharing() {
        return new SwarmCounts.Counts(seeders, leechers, completed, publisherSeed).sharing();
    }

    /** {@code 12 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d ago}, or {@code never}, seen at {@code now}. */
    public String lastAnnounceAgo(Instant now) {
        return ago(lastAnnounce, now);
    }

    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s < 86_400 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }

    boolean matches(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return showTitle.toLowerCase(Locale.ROOT).contains(q) || episodeTitle.toLowerCase(Locale.ROOT).contains(q)
                || showSlug.contains(q) || infoHash.contains(q) || (v2InfoHash != null && v2InfoHash.contains(q));
    }

    /** The columns the page sorts by, by their query parameter. */
    enum Column {
        SHOW(Comparator.comparing((SwarmRow r) -> r.showTitle().toLowerCase(Locale.ROOT))),
        EPISODE(Comparator.comparing((SwarmRow r) -> r.episodeTitle().toLowerCase(Locale.ROOT))),
        SEEDERS(Comparator.comparingInt(SwarmRow::seeders)),
        LEECHERS(Comparator.comparingInt(SwarmRow::leechers)),
        COMPLETED(Comparator.comparingLong(SwarmRow::completed)),
        ANNOUNCES(Comparator.comparingInt(SwarmRow::announcesPerMinute)),
        /** Never-announced swarms sort as the oldest. */
        LAST_ANNOUNCE(Comparator.comparing(SwarmRow::lastAnnounce, Comparator.nullsFirst(Comparator.naturalOrder())));

        final Comparator<SwarmRow> order;

        Column(Comparator<SwarmRow> order) {
            this.order = order.thenComparingLong(SwarmRow::episodeId);
        }

        static Column parse(String text) {
            for (Column c : values()) {
                if (c.name().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            return LEECHERS;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The column's heading. */
        public String label() {
            return switch (this) {
                case ANNOUNCES -> "announces/min";
                case LAST_ANNOUNCE -> "last announce";
                default -> key();
            };
        }
    }
}
