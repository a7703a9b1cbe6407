package org.seedcast.admin;

import java.util.Comparator;
import java.util.Locale;

import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.tracker.TrackerStats.SwarmStats;

/**
 * A published torrent on the swarms page.
 *
 * @param health {@code ok}; {@code web-seed-only} when leechers have no seeder but the web seed;
 *               {@code idle} when nobody announced in the last minute and no peer is listed
 */
record SwarmRow(long episodeId, String showSlug, String showTitle, String episodeTitle, String infoHash,
                int seeders, int leechers, long completed, int announcesPerMinute, String health) {

    static SwarmRow of(TorrentPublished torrent, ShowView show, EpisodeView episode, SwarmStats v1, SwarmStats v2) {
        int seeders = seeders(v1, v2);
        int leechers = leechers(v1, v2);
        int announces = (v1 == null ? 0 : v1.announcesPerMinute()) + (v2 == null ? 0 : v2.announcesPerMinute());
        String health = seeders + leechers == 0 && announces == 0 ? "idle" : seeders == 0 ? "web-seed-only" : "ok";
        return new SwarmRow(episode.id(), show.slug(), show.title(), episode.title(), torrent.v1().toHex(),
                seeders, leechers, completed(v1, v2), announces, health);
    }

    static int seeders(SwarmStats v1, SwarmStats v2) {
        return (v1 == null ? 0 : v1.seeders()) + (v2 == null ? 0 : v2.seeders());
    }

    static int leechers(SwarmStats v1, SwarmStats v2) {
        return (v1 == null ? 0 : v1.leechers()) + (v2 == null ? 0 : v2.leechers());
    }

    static long completed(SwarmStats v1, SwarmStats v2) {
        return (v1 == null ? 0 : v1.completed()) + (v2 == null ? 0 : v2.completed());
    }

    boolean matches(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return showTitle.toLowerCase(Locale.ROOT).contains(q) || episodeTitle.toLowerCase(Locale.ROOT).contains(q)
                || showSlug.contains(q) || infoHash.contains(q);
    }

    /** The columns the page sorts by, by their query parameter. */
    enum Column {
        SHOW(Comparator.comparing((SwarmRow r) -> r.showTitle().toLowerCase(Locale.ROOT))),
        EPISODE(Comparator.comparing((SwarmRow r) -> r.episodeTitle().toLowerCase(Locale.ROOT))),
        SEEDERS(Comparator.comparingInt(SwarmRow::seeders)),
        LEECHERS(Comparator.comparingInt(SwarmRow::leechers)),
        COMPLETED(Comparator.comparingLong(SwarmRow::completed)),
        ANNOUNCES(Comparator.comparingInt(SwarmRow::announcesPerMinute));

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
    }
}
