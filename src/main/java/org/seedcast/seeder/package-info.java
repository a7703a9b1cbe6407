/**
 * The publisher's own seed: a seed-only BitTorrent peer (BEP 3, 6, 9, 10, 21, 52) on its own Netty
 * event loops that serves every published torrent from the media files, so magnets start and every
 * swarm has a seed. It reads what to serve from publishing, the merkle layers of hybrids from storage
 * and the bans from the tracker; nothing depends on it but the traffic figures ({@link SeedTraffic}).
 */
@ApplicationModule(allowedDependencies = {"network", "node", "publishing", "storage", "torrent", "torrent :: bencode", "tracker"})
package org.seedcast.seeder;

import org.springframework.modulith.ApplicationModule;
