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
     * @param seeders   peers with the whole file, besides the web seed
     * @param leechers  peers downloading
     * @param completed downloads the tracker saw complete
     */
    record Counts(int seeders, int leechers, long completed) {

        public static final Counts NONE = new Counts(0, 0, 0);
    }
}
