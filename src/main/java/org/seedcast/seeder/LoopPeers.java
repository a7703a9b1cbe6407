package org.seedcast.seeder;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The peer connections of one event loop: at most {@code capacity} of them, and at capacity the
 * one that has done nothing useful for longest (no handshake, interest, request or metadata request)
 * is shed for the newcomer. They are kept in that order, a peer moving to the end when it is useful
 * ({@link #useful}), so a shed takes the first: under a flood of new connections each newcomer sheds
 * one, and a search of every connection for the idlest made each of them cost a pass over all the
 * loop holds. One sweep a second per loop checks handshake deadlines, idle timeouts and keep-alives
 * instead of a timer per connection. Only the loop's own thread touches it.
 */
final class LoopPeers {

    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * A useful peer moves to the end at most this often: a downloading peer sends requests many
     * times a second, and the order only has to tell the idle from the busy.
     */
    private static final long REORDER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int capacity;
    private final LongSupplier nanoTime;
    /** Each peer and when it last moved to the end: first the one useful longest ago. */
    private final LinkedHashMap<PeerConnection, Long> peers = new LinkedHashMap<>();
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
            peers.pollFirstEntry().getKey().close(CloseReason.SHED);
        }
        peers.put(peer, nanoTime.getAsLong());
        peer.listedIn(this);
    }

    /** {@code peer} did something worth keeping it for: it goes to the end of the shedding order. */
    void useful(PeerConnection peer) {
        long now = nanoTime.getAsLong();
        Long since = peers.get(peer);
        if (since != null && now - since >= REORDER_NANOS) {
            peers.remove(peer);
            peers.put(peer, now);
        }
    }

    void closed(PeerConnection peer) {
        peers.remove(peer);
    }

    int size() {
        return peers.size();
    }

    void sweep() {
        long now = nanoTime.getAsLong();
        for (PeerConnection peer : new ArrayList<>(peers.keySet())) {
            if (!peer.tick(now)) {
                peers.remove(peer);
            }
        }
    }
}
