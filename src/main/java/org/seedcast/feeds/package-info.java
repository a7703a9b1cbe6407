/**
 * Podcast and torrent RSS feeds per show and across shows, and the OPML list of feeds.
 */
package org.seedcast.feeds;
