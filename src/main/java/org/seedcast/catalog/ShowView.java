package org.seedcast.catalog;

import java.time.Instant;
import java.util.Set;

/** A show as pages, feeds and the API see it. */
public record ShowView(long id, String slug, String title, String description, String author, String language,
                       String category, boolean explicit, String torrentFormat, boolean hasArtwork,
                       Set<Long> producerIds, Instant createdAt, Instant updatedAt) {

    /** The path of its artwork, {@code /shows/{slug}/artwork}; null when it has none. */
    public String artworkPath() {
        return hasArtwork ? "/shows/" + slug + "/artwork" : null;
    }
}
