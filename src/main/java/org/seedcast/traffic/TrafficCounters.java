package org.seedcast.traffic;

import java.util.Map;

import org.seedcast.torrent.InfoHash;

/** Where the cumulative counters are read from: the live modules in the application, fixed numbers in tests. */
interface TrafficCounters {

    Reading read();

    /**
     * Cumulative counters at one moment.
     *
     * @param seed              bytes our seed sent, by episode
     * @param webSeedBitTorrent {@code /media} bytes sent to BitTorrent clients, by episode
     * @param webSeedPlain      {@code /media} bytes sent to other clients, by episode
     * @param fans              bytes fans reported downloading, by info-hash (v1, and a hybrid's truncated v2)
     * @param episodes          the episode of each published info-hash
     */
    record Reading(Map<Long, Long> seed, Map<Long, Long> webSeedBitTorrent, Map<Long, Long> webSeedPlain,
                   Map<InfoHash, Long> fans, Map<InfoHash, Long> episodes) {
    }
}
