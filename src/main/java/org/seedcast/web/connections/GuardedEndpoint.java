package org.seedcast.web.connections;

import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO endpoint with {@link Connections} in charge of what it accepts. Tomcat's own limit
 * ({@code maxConnections}, a latch) stops accepting at capacity, which lets idle and slow connections
 * keep everyone else out; it is switched off here, and {@link #getMaxConnections()} reports the rules'.
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
