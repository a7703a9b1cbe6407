package org.seedcast.tracker;

import java.util.Map;
import org.seedcast.torrent.InfoHash;

/**
 * The info-hashes the tracker serves when it starts: every published torrent's v1 hash and, for a
 * hybrid torrent, its v2 hash truncated to 20 bytes. Another module (the publisher of torrents)
 * implements it; without an implementation the tracker starts empty and learns hashes from
 * {@code TorrentPublished} events.
 */
public interface TrackableTorrents {

    /** Each hash with the length of its torrent's one file in bytes (0 when unknown). */
    Map<InfoHash, Long> all();
}
