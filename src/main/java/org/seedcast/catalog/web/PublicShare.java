package org.seedcast.catalog.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.catalog.EpisodeTraffic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The P2P share fans see on an episode page: the part of the fans' downloads that came from other
 * fans rather than from our servers. Read from the traffic accounting at most once per
 * {@link #FRESH} per episode, so a page flood costs no query for it; at most {@link #MAX_KEPT} kept.
 */
@Component
class PublicShare {

    static final Duration FRESH = Duration.ofSeconds(30);
    static final int MAX_KEPT = 10_000;

    private record Kept(String text, Instant until) {
    }

    private final ObjectProvider<EpisodeTraffic> traffic;
    private final Clock clock;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    PublicShare(ObjectProvider<EpisodeTraffic> traffic, Clock clock) {
        this.traffic = traffic;
        this.clock = clock;
    }

    /** {@code 63 % of fans' downloads came from other fans}, or null while fans reported nothing. */
    String of(long episodeId) {
        Instant now = clock.instant();
        Kept k = kept.get(episodeId);
        if (k == null || !now.isBefore(k.until())) {
            k = new Kept(read(episodeId), now.plus(FRESH));
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(episodeId, k);
        }
        return k.text();
    }

    private String read(long episodeId) {
        EpisodeTraffic accounts = traffic.getIfAvailable();
        if (accounts == null) {
            return null;
        }
        EpisodeTraffic.Figures figures = accounts.forEpisodes(List.of(episodeId))
                .getOrDefault(episodeId, EpisodeTraffic.Figures.NONE);
        return figures.p2pShare() == null ? null : figures.p2pShareText() + " of fans' downloads came from other fans";
    }
}
