package org.seedcast.catalog.web;

import java.time.Instant;

import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.ShowView;

/** A show in the REST API. */
record ShowResource(String slug, String title, String description, String author, String language,
                    String category, boolean explicit, String torrentFormat, String artworkUrl, String pageUrl,
                    String feedUrl, String torrentFeedUrl, Instant createdAt, Instant updatedAt) {

    static ShowResource of(ShowView s, CatalogProperties site) {
        return new ShowResource(s.slug(), s.title(), s.description(), s.author(), s.language(), s.category(),
                s.explicit(), s.torrentFormat(), s.hasArtwork() ? site.absolute(s.artworkPath()) : null,
                site.absolute("/shows/" + s.slug()), site.absolute("/shows/" + s.slug() + "/feed.xml"),
                site.absolute("/shows/" + s.slug() + "/torrents.xml"), s.createdAt(), s.updatedAt());
    }
}
