package org.seedcast.storage;

/**
 * A fan started downloading an episode's media directly: a GET with no {@code Range}, or one
 * starting at byte 0 (resumed downloads ask for later ranges and are not counted). A BitTorrent
 * client's web-seed requests are never one: that fan downloads the torrent (see {@link WebSeedTraffic}).
 */
public record MediaDownloaded(long episodeId) {
}
