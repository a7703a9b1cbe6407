/**
 * What BitTorrent saved: the bytes our seed and our web seed sent and the bytes fans reported
 * downloading, per episode and over time, and from them the share that fans exchanged among themselves.
 */
@ApplicationModule(allowedDependencies = {"catalog", "publishing", "seeder", "storage", "torrent", "tracker"})
package org.seedcast.traffic;

import org.springframework.modulith.ApplicationModule;
