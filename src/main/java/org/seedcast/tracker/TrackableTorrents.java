package org.seedcast.tracker;

import java.util.List;
import org.seedcast.torrent.InfoHash;

/**
 * The info-hashes the tracker serves when it starts: every published torrent's v1 hash and, for a
 * hybrid torrent, its v2 hash truncated to 20 bytes. Another module (the publisher of torrents)
 * implements it; without an implementation the tracker starts empty and learns hashes from
 * {@code TorrentPublished} events.
 */
public interface TrackableTorrents {

    List<InfoHash> all();
}
