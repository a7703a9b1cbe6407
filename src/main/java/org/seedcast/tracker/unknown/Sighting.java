package org.seedcast.tracker.unknown;

import java.util.List;
import org.seedcast.tracker.protocol.HashKey;

/**
 * What is known of one foreign info-hash at a moment.
 *
 * @param newAnnounces announces since the last flush, the amount a flush adds in the database
 * @param sources      heaviest sources: an IPv4 address or an IPv6 /64, with estimated counts
 * @param clients      heaviest client prefixes of peer ids ({@code -qB4500-}), with estimated counts
 */
public record Sighting(HashKey infoHash, long firstSeenMillis, long lastSeenMillis, long announces,
                       long newAnnounces, long distinctSources, List<Count> sources, List<Count> clients) {

    public record Count(String name, long count) {
    }
}
