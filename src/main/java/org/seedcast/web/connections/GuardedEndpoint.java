package org.seedcast.web.connections;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO endpoint with {@link Connections} in charge of what it accepts. Tomcat's own limit
 * ({@code maxConnections}, a latch) stops accepting at capacity, which lets idle and slow connections
 * keep everyone else out; it is switched off here, and {@link #getMaxConnections()} reports the rules'.
 * <p>
 * A request head is read here, on the poller, until it is complete ({@link #processSocket}); only then
 * does a worker take the connection. A connection mid-head so holds its socket buffers and no more,
 * and each byte it trickles costs one read rather than a worker's turn.
 */
final class GuardedEndpoint extends NioEndpoint {

    private volatile Connections guard;
    private ScheduledFuture<?> sweep;

    GuardedEndpoint() {
        super.setMaxConnections(-1);
    }

    void guard(ConnectionRules rules) {
        guard = new Connections(rules);
    }

    Connections connections() {
        return guard;
    }

    /** Ignored: {@link ConnectionRules#maxConnections()} bounds the port. */
    @Override
    public void setMaxConnections(int ignored) {
        super.setMaxConnections(-1);
    }

    @Override
    public int getMaxConnections() {
        Connections g = guard;
        return g == null ? -1 : g.capacity();
    }

    @Override
    public void setHandler(Handler<NioChannel> handler) {
        super.setHandler(new Tracking(handler));
    }

    @Override
    public void startInternal() throws Exception {
        if (guard == null) {
            throw new IllegalStateException("the web port's connection rules were not set (GuardedNioProtocol.guard)");
        }
        super.startInternal();
        // a tenth of the deadline (at most a second, at least 50 ms): a slow head is closed that much late at most
        long every = Math.clamp(guard.headNanos() / 10, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
        Connections g = guard;
        sweep = getUtilityExecutor().scheduleWithFixedDelay(g::closeExpired, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stopInternal() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        super.stopInternal();
    }

    /**
     * A connection with no request under way (fresh, or kept after an answer) that has bytes to read
     * is read on the poller's thread into its socket's read buffer, where Tomcat's processor reads
     * first, and handed to a worker only once the buffer holds a complete head or is full. Tomcat
     * would otherwise give it a processor at its first byte, with head, request and answer buffers
     * (about 40 KiB of the 58 a slow head held), and keep it for as long as the head trickles in,
     * each byte a turn of a worker queued with the fans' requests. A read here that cannot take the
     * socket's lock (a shed or the sweep is closing it) leaves the event to Tomcat as before.
     */
    @Override
    public boolean processSocket(SocketWrapperBase<NioChannel> wrapper, SocketEvent event, boolean dispatch) {
        if (event == SocketEvent.OPEN_READ && dispatch && wrapper != null && !isSSLEnabled()) {
            Head head = readHead(wrapper);
            if (head != Head.TOMCATS) {
                return head == Head.INCOMPLETE; // false: Tomcat's poller closes the connection
            }
        }
        return super.processSocket(wrapper, event, dispatch);
    }

    /** What {@link #readHead} found: Tomcat's to process now, a head still incomplete, or a connection gone. */
    private enum Head { TOMCATS, INCOMPLETE, GONE }

    private static Head readHead(SocketWrapperBase<NioChannel> wrapper) {
        Lock lock = wrapper.getLock();
        if (!lock.tryLock()) {
            return Head.TOMCATS;
        }
        try {
            if (wrapper.isClosed() || wrapper.getCurrentProcessor() != null) {
                return Head.TOMCATS; // closed, or a request under way (a body, or a head Tomcat began)
            }
            SocketBufferHandler buffers = wrapper.getSocketBufferHandler();
            buffers.configureReadBufferForWrite();
            ByteBuffer in = buffers.getReadBuffer();
            int before = in.position();
            if (wrapper.getSocket().read(in) < 0) {
                return Head.GONE;
            }
            if (!in.hasRemaining() || headEnds(in, before)) {
                return Head.TOMCATS;
            }
            wrapper.registerReadInterest();
            return Head.INCOMPLETE;
        } catch (IOException gone) {
            return Head.GONE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the bytes written to {@code in} (from 0 to its position) hold the blank line that ends
     * a head: CRLF CRLF, or bare LFs, which Tomcat's parser is left to judge. Only a line feed at
     * {@code from} or later is looked at: the bytes before were there at the last read, which found
     * no end, so a head trickled a byte at a time costs one look per byte, not the whole buffer's.
     */
    static boolean headEnds(ByteBuffer in, int from) {
        for (int i = Math.max(1, from), end = in.position(); i < end; i++) {
            if (in.get(i) == '\n' && (in.get(i - 1) == '\n' || i > 1 && in.get(i - 1) == '\r' && in.get(i - 2) == '\n')) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void countUpOrAwaitConnection() throws InterruptedException {
        guard.awaitRoom(() -> !isRunning() || isPaused());
    }

    @Override
    protected long countDownConnection() {
        return -1;
    }

    @Override
    protected boolean setSocketOptions(SocketChannel socket) {
        Connections g = guard;
        Connections.Connection connection;
        try {
            connection = g.admit(socket);
        } catch (java.io.IOException gone) {
            connection = null;
        }
        if (connection == null) {
            destroySocket(socket);
            return false;
        }
        if (!super.setSocketOptions(socket)) {
            g.forget(socket);
            return false;
        }
        SocketWrapperBase<NioChannel> wrapper = connections.get(socket);
        if (wrapper != null) {
            g.of(wrapper);
        }
        g.shedOverCapacity();
        return true;
    }

    /** Tells {@link Connections} when Tomcat is done with a connection's turn, and when it is closed. */
    private final class Tracking implements Handler<NioChannel> {

        private final Handler<NioChannel> tomcat;

        Tracking(Handler<NioChannel> tomcat) {
            this.tomcat = tomcat;
        }

        @Override
        public SocketState process(SocketWrapperBase<NioChannel> wrapper, SocketEvent event) {
            Connections g = guard;
            Connections.Connection connection = g == null ? null : g.of(wrapper);
            if (connection == null) {
                return tomcat.process(wrapper, event);
            }
            Connections.PROCESSING.set(connection);
            SocketState state;
            try {
                state = tomcat.process(wrapper, event);
            } finally {
                Connections.PROCESSING.remove();
            }
            g.processed(connection, state, wrapper.getCurrentProcessor());
            return state;
        }

        @Override
        public void release(SocketWrapperBase<NioChannel> wrapper) {
            Connections g = guard;
            if (g != null) {
                g.forget(wrapper.getSocket().getIOChannel());
            }
            tomcat.release(wrapper);
        }

        @Override
        public Object getGlobal() {
            return tomcat.getGlobal();
        }

        @Override
        public void pause() {
            tomcat.pause();
        }

        @Override
        public void recycle() {
            tomcat.recycle();
        }
    }
}
