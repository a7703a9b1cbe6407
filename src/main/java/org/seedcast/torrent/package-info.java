/**
 * Torrent engine in plain Java: strict bencode, v1 and hybrid v1+v2 metainfo, piece hashing during upload, BEP 35 signing and verification, magnet links. No Spring, Jakarta or Netty here.
 * API: {@link org.seedcast.torrent.PieceHasher} / {@link org.seedcast.torrent.FileHasher} → {@link org.seedcast.torrent.Torrent#create} → {@link org.seedcast.torrent.PublisherIdentity#sign}; {@link org.seedcast.torrent.TorrentVerifier} checks.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.torrent;

import org.springframework.modulith.ApplicationModule;
