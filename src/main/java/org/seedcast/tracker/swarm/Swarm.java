package org.seedcast.tracker.swarm;

import org.seedcast.tracker.protocol.HashKey;

/** One torrent's peers and counters; guarded by its shard's lock. */
final class Swarm {

    final HashKey key;
    /** Bytes of the torrent's one file, which bounds what a peer's {@code downloaded} may count; 0 unknown. */
    long length;
    /**
     * Bytes fans reported downloading in the announces this member answered: the sum of their
     * {@code downloaded} figures' growth. A cluster's other members count theirs, so each byte is
     * counted once over the cluster.
     */
    long downloaded;
    final PeerTable v4 = new PeerTable(1);
    final PeerTable v6 = new PeerTable(3);
    int seeders;
    int leechers;
    /** Downloads completed, the whole cluster's: what clients and pages are told. */
    long completed;
    /** Completions seen in the announces this member answered and not yet flushed: added to the stored count. */
    long unflushedCompleted;
    long announces;
    long announcesAtLastMinute;
    int announcesPerMinute;
    /** Monotonic second of the last announce (0: none yet): one int write per announce. */
    int lastAnnounce;
    long completedAtLastMinute;
    /**
     * The last minutes, written once a minute by {@link SwarmStore#sampleMinute}, never by an
     * announce: {@link MinuteRing#FIELDS} ints a slot. Allocated at the first sample.
     */
    MinuteRing history;

    Swarm(HashKey key, long length) {
        this.key = key;
        this.length = length;
    }

    boolean empty() {
        return seeders + leechers == 0;
    }

    long heapBytes() {
        // object headers and fields, as laid out by HotSpot with compressed oops
        return 96 + 2 * 40 + v4.arrayBytes() + v6.arrayBytes() + (history == null ? 0 : history.heapBytes());
    }
}
