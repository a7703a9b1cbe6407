/**
 * The BitTorrent tracker (HTTP and UDP, BEP 3/7/15/23/31/48) for the publisher's own torrents only:
 * in-memory swarms, access list, foreign-torrent accounting, bans and rate limits. Its listeners run
 * on their own Netty event loops.
 */
@ApplicationModule(allowedDependencies = {"catalog", "database", "network", "node", "publishing", "storage", "torrent", "torrent :: bencode"})
package org.seedcast.tracker;

import org.springframework.modulith.ApplicationModule;
