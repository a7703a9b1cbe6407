package org.seedcast.feeds;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.seedcast.catalog.TorrentLinks;

/**
 * What a feed says, already resolved to absolute URLs, in the order it is written; the writers
 * turn it into XML and know nothing of the catalog.
 *
 * @param selfUrl       the feed's own URL ({@code atom:link rel="self"}, {@code podcast:guid})
 * @param link          the page the feed stands for
 * @param artworkUrl    the show's artwork, or {@code null}
 * @param lastBuildDate the latest change of anything listed
 */
record Feed(String title, String link, String description, String language, String author, String category,
            boolean explicit, String artworkUrl, String selfUrl, Instant lastBuildDate, List<Item> items) {

    /**
     * One published episode.
     *
     * @param torrent         the episode's torrent, or {@code null} while it has none
     * @param durationSeconds how long it plays, once ffprobe read it; else {@code null}
     * @param width           its picture's width, for video whose facts were read; else {@code null}
     * @param imageUrl        its poster frame, the episode's own artwork; {@code null} when it has none
     */
    record Item(UUID guid, String title, String description, String link, Instant publishedAt, Integer season,
                Integer episodeNumber, boolean explicit, String fileName, String mediaUrl, String mediaType, long size, String sha256,
                TorrentLinks.Links torrent, String chaptersUrl, String transcriptUrl, Long durationSeconds,
                Integer width, Integer height, String imageUrl) {
    }
}
