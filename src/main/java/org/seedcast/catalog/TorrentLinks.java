package org.seedcast.catalog;

import java.util.Optional;

/**
 * The torrent of a published episode, supplied by the publishing module (which depends on the
 * catalog, so the catalog asks through this interface rather than knowing it).
 */
public interface TorrentLinks {

    Optional<Links> forEpisode(long episodeId);

    /**
     * @param infoHash   v1 info-hash, 40 hex digits
     * @param infoHashV2 the full v2 info-hash (64 hex digits) for a hybrid torrent, else {@code null}
     * @param magnet     the magnet link
     * @param torrentUrl absolute URL of the .torrent
     * @param torrentSize bytes of the .torrent file
     */
    record Links(String infoHash, String infoHashV2, String magnet, String torrentUrl, long torrentSize) {
    }
}
