package org.seedcast.tracker.netty;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP connections of one event loop on Netty's channels (epoll, NIO), under the rules of
 * {@link RingHttpListener}: at most {@code capacity} of them; a request head must be complete within
 * {@code headNanos} of when the connection began waiting for it, however many bytes trickle in;
 * and at capacity, the connection that has waited longest for its head is shed for the newcomer.
 * <p>
 * Connections sit in one of two lists threaded through the handlers themselves (nothing allocated
 * per connection or request): those waiting for a request head, in the order they began waiting,
 * and those closing (a last answer being written, or held by the {@link Tarpit}), which the idle
 * timeout bounds. One sweep per event loop replaces a timer per connection. Only the event loop's
 * thread touches it.
 */
final class EventLoopConnections {

    private final int capacity;
    private final long headNanos;
    private final long idleNanos;
    private final Chain waiting = new Chain();
    private final Chain closing = new Chain();
    /** Connections opened and neither closed nor shed: the ones {@link #capacity} bounds. */
    private int live;
    private boolean sweeping;

    EventLoopConnections(int capacity, long headNanos, long idleNanos) {
        this.capacity = Math.max(1, capacity);
        this.headNanos = headNanos;
        this.idleNanos = idleNanos;
    }

    /**
     * A connection admitted under its address's limit, waiting for its first request head from now;
     * over capacity, those that have waited longest are shed (the newcomer's own head has usually
     * arrived with it, {@code TCP_DEFER_ACCEPT}). Only when none other waits is it the newcomer.
     */
    void opened(HttpTrackerHandler connection, EventExecutor loop) {
        if (!sweeping) {
            sweeping = true;
            long every = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(idleNanos, headNanos) / 4);
            loop.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.NANOSECONDS);
        }
        live++;
        requestStarted(connection);
        while (live > capacity && waiting.first != null) {
            shed(waiting.first);
        }
    }

    /** The connection waits for a (next) request head from now: its deadline starts. */
    void requestStarted(HttpTrackerHandler connection) {
        connection.since = System.nanoTime();
        move(connection, waiting);
    }

    /** The connection's last answer is being written or held: it closes by itself, within the idle timeout. */
    void closing(HttpTrackerHandler connection) {
        connection.since = System.nanoTime();
        move(connection, closing);
    }

    /** The channel of an {@link #opened} connection is inactive. */
    void closed(HttpTrackerHandler connection) {
        if (connection.chain != null) {
            connection.chain.remove(connection);
        }
        if (!connection.shed) {
            live--;
        }
    }

    int live() {
        return live;
    }

    private void closeExpired() {
        long now = System.nanoTime();
        for (HttpTrackerHandler c = waiting.first, next; c != null; c = next) {
            next = c.next;
            if (now - c.since >= headNanos || now - c.lastRead >= idleNanos) {
                shed(c);
            }
        }
        for (HttpTrackerHandler c = closing.first, next; c != null; c = next) {
            next = c.next;
            if (now - c.since >= idleNanos) {
                shed(c);
            }
        }
    }

    private void shed(HttpTrackerHandler connection) {
        connection.chain.remove(connection);
        connection.shed = true;
        live--;
        connection.shed();
    }

    private static void move(HttpTrackerHandler connection, Chain to) {
        if (connection.chain != null) {
            connection.chain.remove(connection);
        }
        to.add(connection);
    }

    /** A doubly linked list through {@link HttpTrackerHandler}'s own fields. */
    static final class Chain {

        HttpTrackerHandler first;
        HttpTrackerHandler last;

        void add(HttpTrackerHandler c) {
            c.chain = this;
            c.previous = last;
            c.next = null;
            if (last != null) {
                last.next = c;
            } else {
                first = c;
            }
            last = c;
        }

        void remove(HttpTrackerHandler c) {
            if (c.previous != null) {
                c.previous.next = c.next;
            } else {
                first = c.next;
            }
            if (c.next != null) {
                c.next.previous = c.previous;
            } else {
                last = c.previous;
            }
            c.previous = null;
            c.next = null;
            c.chain = null;
        }
    }
}
