package org.seedcast.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a published episode's bytes came from, for its producers: accounted downstream of the
 * catalog (the seed, the web seed and the tracker), so the catalog asks through this interface.
 */
public interface EpisodeTraffic {

    /** Each episode's figures since accounting began; episodes without traffic map to {@link Figures#NONE}. */
    Map<Long, Figures> forEpisodes(Collection<Long> episodeIds);

    /** These episodes' figures added up (the share is computed over the sums, not averaged). */
    Figures together(Collection<Long> episodeIds);

    /** These episodes' bytes, added up, per time bucket over the last days, oldest first. */
    List<Point> history(Collection<Long> episodeIds);

    /**
     * @param fromOurSeed    bytes our own seed sent
     * @param fromWebSeed    bytes the web seed sent to BitTorrent clients
     * @param plainDownloads bytes of the media downloaded directly (browsers, podcast apps)
     * @param fansDownloaded bytes fans reported downloading
     * @param p2pShare       the part of the fans' downloads that did not come from our servers, 0 to 1;
     *                       {@code null} while fans reported nothing
     */
    record Figures(long fromOurSeed, long fromWebSeed, long plainDownloads, long fansDownloaded, Double p2pShare) {

        public static final Figures NONE = new Figures(0, 0, 0, 0, null);

        /** {@code 63 %}, or {@code —} while fans reported nothing. */
        public String p2pShareText() {
            return p2pShare == null ? "—" : Math.round(p2pShare * 100) + " %";
        }
    }

    /** One time bucket: what our servers sent fans, and what fans reported beyond that. */
    record Point(Instant start, long fromOurSeed, long fromWebSeed, long betweenFans) {
    }
}
