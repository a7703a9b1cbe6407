package org.seedcast.catalog;

import java.util.Collection;
import java.util.Map;

/**
 * Who shares a published episode right now, for its producers: counted by the tracker, which
 * depends on the catalog (through publishing), so the catalog asks through this interface and a
 * downstream module implements it.
 */
public interface SwarmCounts {

    /** The counts of those episodes that have a torrent; others are missing from the map. */
    Map<Long, Counts> forEpisodes(Collection<Long> episodeIds);

    /**
     * One published torrent's counts, looked up by its hashes alone (cheap enough for a public page).
     *
     * @param infoHashV2 the full v2 info-hash (64 hex) of a hybrid torrent, else {@code null}
     */
    Counts forTorrent(String infoHash, String infoHashV2);

    /**
     * @param seeders       fans with the whole file, besides the web seed and the publisher's seed
     * @param leechers      fans downloading
     * @param completed     downloads the tracker saw complete
     * @param publisherSeed whether the tracker lists the publisher's own seed in the swarm
     */
    record Counts(int seeders, int leechers, long completed, boolean publisherSeed) {

        public static final Counts NONE = new Counts(0, 0, 0, false);

        /** Fans in the swarm, seeding or downloading. */
        public int fans() {
            return seeders + leechers;
        }

        /**
         * {@code 12 fans sharing · publisher's seed online}: fans and the publisher's seed apart,
         * as every page says it. "Online" means listed by the tracker in the swarm.
         */
        public String sharing() {
            int fans = fans();
            String text = fans == 0 ? "no fans sharing yet" : fans == 1 ? "1 fan sharing" : fans + " fans sharing";
            return publisherSeed ? text + " · publisher's seed online" : text;
        }
    }
}
