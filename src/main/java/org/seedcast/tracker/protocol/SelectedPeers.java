package org.seedcast.tracker.protocol;

/**
 * Peers picked for one answer, already in compact form (BEP 23: 4-byte address and 2-byte port;
 * BEP 7: 16-byte address and 2-byte port), plus the swarm's counts. One instance per event-loop
 * thread, reused for every request so answering allocates nothing.
 */
public final class SelectedPeers {

    public final byte[] v4;
    public final byte[] v6;
    public int v4Count;
    public int v6Count;
    public int seeders;
    public int leechers;
    public long completed;

    public SelectedPeers(int maxPeers) {
        v4 = new byte[6 * maxPeers];
        v6 = new byte[18 * maxPeers];
    }

    public int capacity() {
        return v4.length / 6;
    }

    public void clear() {
        v4Count = v6Count = seeders = leechers = 0;
        completed = 0;
    }
}
