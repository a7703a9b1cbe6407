/**
 * Podcast and torrent RSS feeds per show and across shows, and the OPML list of feeds.
 * Feeds are rendered once into bytes, cached, and dropped when the catalog changes.
 */
package org.seedcast.feeds;
