package org.seedcast.publishing;

import org.seedcast.torrent.InfoHash;

/**
 * An episode's torrent became public: the tracker must track {@code v1} and, for a hybrid
 * torrent, {@code v2Truncated} (the first 20 bytes of its SHA-256 info-hash) from now on.
 *
 * @param episodeId   the episode
 * @param v1          the v1 info-hash
 * @param v2Truncated the truncated v2 info-hash, or {@code null} for a v1-only torrent
 * @param length      bytes of the torrent's one file (0 when unknown), which bounds what the tracker
 *                    counts of a peer's {@code downloaded}
 */
public record TorrentPublished(long episodeId, InfoHash v1, InfoHash v2Truncated, long length) {

    /** A torrent whose length is not known. */
    public TorrentPublished(long episodeId, InfoHash v1, InfoHash v2Truncated) {
        this(episodeId, v1, v2Truncated, 0);
    }
}
