package org.seedcast.tracker.netty;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import org.seedcast.tracker.protocol.SelectedPeers;

/** Per event-loop thread buffers, so a request allocates nothing it keeps. */
final class Scratch {

    static final int MAX_HEAD = 4096;

    final byte[] head = new byte[MAX_HEAD];
    /** Room for the largest answer: non-compact peers of both families (at most 62 bytes each), or a scrape. */
    final ByteBuffer out;
    /** A received datagram, copied out of Netty's buffer (no buffer view allocated per datagram). */
    final ByteBuffer datagram = ByteBuffer.allocate(TrackerServer.MAX_DATAGRAM);
    final SelectedPeers peers;
    /** A request head read straight from a socket's descriptor ({@link HttpTrackerHandler}, over the limit). */
    final ByteBuffer direct = ByteBuffer.allocateDirect(MAX_HEAD);

    private Scratch(int maxPeers) {
        peers = new SelectedPeers(maxPeers);
        out = ByteBuffer.allocate(Math.max(64 * 1024, 16 * 1024 + 2 * 64 * maxPeers));
    }

    static FastThreadLocal<Scratch> perThread(int maxPeers) {
        return new FastThreadLocal<>() {
            @Override
            protected Scratch initialValue() {
                return new Scratch(maxPeers);
            }
        };
    }
}
