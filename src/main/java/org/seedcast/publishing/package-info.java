/**
 * Turns an uploaded episode into a signed torrent and publishes it; owns the events
 * (TorrentPublished, TorrentWithdrawn) the tracker and feeds listen to.
 */
@ApplicationModule(allowedDependencies = {"catalog", "database", "storage", "torrent"})
package org.seedcast.publishing;

import org.springframework.modulith.ApplicationModule;
