/**
 * Torrent engine in plain Java: strict bencode, v1 and hybrid v1+v2 metainfo, piece hashing during
 * upload, BEP 35 signing and verification, magnet links. No Spring, Jakarta or Netty here.
 * API: {@link PieceHasher} / {@link FileHasher} → {@link Torrent#create} → {@link PublisherIdentity#sign};
 * {@link TorrentVerifier} checks.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.torrent;

import org.springframework.modulith.ApplicationModule;
