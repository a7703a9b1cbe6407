package org.seedcast.catalog;

import java.util.Collection;
import java.util.Map;

/**
 * How often an episode was downloaded, for its producers; counted downstream of the catalog
 * (direct media and .torrent fetches), so the catalog asks through this interface.
 */
public interface DownloadCounts {

    Counts forEpisode(long episodeId);

    /** The counts of each of these episodes, asked together; every episode asked for is in the map. */
    Map<Long, Counts> forEpisodes(Collection<Long> episodeIds);

    /**
     * @param direct  direct downloads of the media that started at byte 0
     * @param torrent fetches of the .torrent
     */
    record Counts(long direct, long torrent) {

        public static final Counts NONE = new Counts(0, 0);
    }
}
