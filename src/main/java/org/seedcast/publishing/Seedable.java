package org.seedcast.publishing;

import java.time.Instant;
import java.util.UUID;

import org.seedcast.storage.MediaFile;
import org.seedcast.torrent.Torrent;

/**
 * A published torrent as a seed serves it: its signed .torrent (whose info dict is the metadata
 * handed to magnet users) and the media file its pieces are read from.
 *
 * @param episodeId   the episode
 * @param torrent     its signed torrent
 * @param mediaId     the stored media's id (its merkle layers for a hybrid are kept under it)
 * @param file        the media file, on this node's disk or in a bucket
 * @param publishedAt when the episode was published, or {@code null} if unknown
 */
public record Seedable(long episodeId, Torrent torrent, UUID mediaId, MediaFile file, Instant publishedAt) {
}
