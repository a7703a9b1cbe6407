package org.seedcast.catalog;

/**
 * Something public about a show or an episode may have changed; caches of pages, feeds and
 * media look-ups drop what they hold for it.
 *
 * @param showId    the show
 * @param episodeId the episode, or {@code null} when the show itself changed
 */
public record CatalogChanged(long showId, Long episodeId) {
}
