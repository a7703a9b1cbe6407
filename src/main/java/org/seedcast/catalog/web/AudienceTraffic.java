package org.seedcast.catalog.web;

import java.util.Collection;
import java.util.StringJoiner;

import org.seedcast.catalog.EpisodeTraffic;

/**
 * What BitTorrent saved on a producer's published episodes: the figures added up, and their history
 * for {@code /js/studio-traffic.js} to chart.
 *
 * @param total  the episodes' figures added up
 * @param points the history as {@code epochSeconds,seed,webSeed,betweenFans} groups separated by
 *               spaces, oldest first: numbers only, so the page can carry it in a data attribute
 */
public record AudienceTraffic(EpisodeTraffic.Figures total, String points) {

    static final AudienceTraffic NONE = new AudienceTraffic(EpisodeTraffic.Figures.NONE, "");

    static AudienceTraffic of(EpisodeTraffic traffic, Collection<Long> episodeIds) {
        if (traffic == null || episodeIds.isEmpty()) {
            return NONE;
        }
        StringJoiner points = new StringJoiner(" ");
        for (EpisodeTraffic.Point p : traffic.history(episodeIds)) {
            points.add(p.start().getEpochSecond() + "," + p.fromOurSeed() + "," + p.fromWebSeed() + "," + p.betweenFans());
        }
        return new AudienceTraffic(traffic.together(episodeIds), points.toString());
    }
}
