package org.seedcast.storage;

/**
 * A fan started downloading an episode's media directly: a GET with no {@code Range}, or one
 * starting at byte 0 (web seeds and resumed downloads ask for later ranges and are not counted).
 */
public record MediaDownloaded(long episodeId) {
}
