/**
 * Turns an uploaded episode into a signed torrent and publishes it; owns the events
 * (TorrentPublished, TorrentWithdrawn) the tracker and feeds listen to.
 */
package org.seedcast.publishing;
