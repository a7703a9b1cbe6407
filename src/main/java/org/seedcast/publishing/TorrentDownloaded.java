package org.seedcast.publishing;

/** Someone fetched the .torrent of an episode (a 304 answer is not a fetch). */
public record TorrentDownloaded(long episodeId) {
}
