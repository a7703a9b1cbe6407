package org.seedcast.catalog;

/**
 * Something public about a show or an episode may have changed; caches of pages, feeds and
 * media look-ups drop what they hold for it.
 *
 * @param showId    the show, or 0 for any ({@link #ANYTHING})
 * @param episodeId the episode, or {@code null} when the show itself changed
 */
public record CatalogChanged(long showId, Long episodeId) {

    /** Anything may have changed (changes made on another node were missed): caches drop all they hold. */
    public static final CatalogChanged ANYTHING = new CatalogChanged(0, null);
}
