package org.seedcast.seeder;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The peer connections of one event loop: at most {@code capacity} of them, and at capacity the
 * one that has done nothing useful for longest (no interest, request or metadata request) is shed
 * for the newcomer. One sweep a second per loop checks handshake deadlines, idle timeouts and
 * keep-alives instead of a timer per connection. Only the loop's own thread touches it.
 */
final class LoopPeers {

    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int capacity;
    private final LongSupplier nanoTime;
    private final Set<PeerConnection> peers = new LinkedHashSet<>();
    private boolean sweeping;

    LoopPeers(int capacity, LongSupplier nanoTime) {
        this.capacity = Math.max(1, capacity);
        this.nanoTime = nanoTime;
    }

    void opened(PeerConnection peer, EventExecutor loop) {
        if (!sweeping) {
            sweeping = true;
            loop.scheduleWithFixedDelay(this::sweep, SWEEP_NANOS, SWEEP_NANOS, TimeUnit.NANOSECONDS);
        }
        while (peers.size() >= capacity) {
            shedIdlest();
        }
        peers.add(peer);
    }

    void closed(PeerConnection peer) {
        peers.remove(peer);
    }

    int size() {
        return peers.size();
    }

    private void shedIdlest() {
        PeerConnection idlest = null;
        for (PeerConnection p : peers) {
            if (idlest == null || p.lastUseful() < idlest.lastUseful()) {
                idlest = p;
            }
        }
        peers.remove(idlest);
        idlest.close(CloseReason.SHED);
    }

    void sweep() {
        long now = nanoTime.getAsLong();
        for (PeerConnection peer : new ArrayList<>(peers)) {
            if (!peer.tick(now)) {
                peers.remove(peer);
            }
        }
    }
}
