package org.seedcast.catalog;

/**
 * How often an episode was downloaded, for its producers; counted downstream of the catalog
 * (direct media and .torrent fetches), so the catalog asks through this interface.
 */
public interface DownloadCounts {

    Counts forEpisode(long episodeId);

    /**
     * @param direct  direct downloads of the media that started at byte 0
     * @param torrent fetches of the .torrent
     */
    record Counts(long direct, long torrent) {

        public static final Counts NONE = new Counts(0, 0);
    }
}
