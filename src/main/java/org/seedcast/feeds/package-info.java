/**
 * Podcast and torrent RSS feeds per show and across shows, and the OPML list of feeds.
 * Feeds are rendered once into bytes, cached, and dropped when the catalog changes.
 */
@ApplicationModule(allowedDependencies = {"catalog", "publishing"})
package org.seedcast.feeds;

import org.springframework.modulith.ApplicationModule;
