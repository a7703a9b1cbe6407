package org.seedcast.publishing;

import org.seedcast.torrent.InfoHash;

/**
 * An episode was unpublished or deleted: the tracker stops tracking its hashes at once.
 *
 * @param episodeId   the episode
 * @param v1          the v1 info-hash
 * @param v2Truncated the truncated v2 info-hash, or {@code null} for a v1-only torrent
 */
public record TorrentWithdrawn(long episodeId, InfoHash v1, InfoHash v2Truncated) {
}
