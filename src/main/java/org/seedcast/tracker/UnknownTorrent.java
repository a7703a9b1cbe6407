package org.seedcast.tracker;

import java.time.Instant;
import java.util.List;
import org.seedcast.torrent.InfoHash;

/**
 * A foreign info-hash clients announced to this tracker, as far as the bounded accounting knows.
 *
 * @param distinctSources estimated number of distinct source addresses (about ±13 %)
 * @param topSources      heaviest sources (an IPv4 address or an IPv6 /64), estimated counts
 * @param clients         heaviest client prefixes of peer ids, e.g. {@code -qB4500-}, {@code -TR3000-}
 * @param blocked         whether an admin blocked it
 */
public record UnknownTorrent(InfoHash infoHash, Instant firstSeen, Instant lastSeen, long announces,
                             long distinctSources, List<Count> topSources, List<Count> clients,
                             boolean blocked) {

    public record Count(String name, long count) {
    }
}
