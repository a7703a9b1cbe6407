package org.seedcast.tracker.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;

/**
 * The tracker's HTTP, on one of two I/O paths: {@link TrackerServer} picks the path with the
 * transport ({@link #on}), and nothing else knows which runs. Both answer each request head with
 * {@link HttpExchange} and keep the same rules: at most {@link Limits#connections} connections per
 * event loop, a request head complete within {@link Limits#headTimeout} of when the connection began
 * waiting for it, the connection that has waited longest for its head shed for a newcomer at
 * capacity, a cheap refusal for connections over their address's limit ({@link ConnectionLimiter}),
 * and answers to addresses far over their budget held back a while ({@link Tarpit}).
 * <ul>
 * <li>{@link ChannelHttpListener}: Netty's channels (epoll, NIO), a {@link HttpTrackerHandler} per
 * connection, held to the rules by its event loop's {@link EventLoopConnections}.</li>
 * <li>{@link IoUringHttpListener}: Netty binds the listening sockets, and a {@link RingHttpListener}
 * per event loop drives the connections on the loop's io_uring ring, with no channel each.</li>
 * </ul>
 */
sealed interface HttpListener permits ChannelHttpListener, IoUringHttpListener {

    /** The listener for HTTP on {@code transport}'s event loops. */
    static HttpListener on(Transport transport, TrackerEngine engine, ConnectionLimiter connections,
                           FastThreadLocal<Scratch> scratch, Limits limits) {
        return transport == Transport.IO_URING
                ? new IoUringHttpListener(engine, connections, scratch, limits)
                : new ChannelHttpListener(transport, engine, connections, scratch, limits);
    }

    /**
     * Listens on {@code address} with every event loop of {@code loops}. On Linux each loop gets its
     * own listening socket ({@code SO_REUSEPORT}): the kernel spreads connections over them and each
     * is accepted and served on one thread, with no hand-off between an acceptor and a worker; so the
     * port must be given (not 0) when there is more than one loop. With NIO, one acceptor hands
     * connections to the loops.
     *
     * @return the port bound
     */
    int listen(EventLoopGroup loops, InetSocketAddress address);

    /**
     * Closes every connection and every listening socket, waiting a little for each; afterwards
     * nothing holds the port, and the listener may listen again.
     */
    void close();

    /**
     * What one event loop holds at most: {@code connections} connections, of which
     * {@code heldAnswers} may wait in the {@link Tarpit} for {@code tarpitMillis}; a request head
     * must arrive within {@code headTimeout}, and a connection silent for {@code idleTimeout} closes.
     */
    record Limits(int connections, int heldAnswers, long tarpitMillis, Duration headTimeout, Duration idleTimeout) {

        private static final int TARPIT_CAPACITY = 8192;

        /**
         * The limits of each of {@code loops} HTTP event loops. Held answers keep their connections
         * open: at most a quarter of a loop's capacity, so that waiting connections, which can be
         * shed, always make up most of it.
         */
        static Limits of(ListenerSettings settings, int loops) {
            int connections = settings.connectionsPerLoop(loops);
            return new Limits(connections, Math.min(TARPIT_CAPACITY, Math.max(1, connections / 4)),
                    settings.tarpit().toMillis(),
                    settings.headTimeout(), settings.idleTimeout());
        }
    }

    /** A listening socket on {@code transport}, accepted on {@code parent} and served on {@code children}. */
    static ServerBootstrap bootstrap(Transport transport, EventLoopGroup parent, EventLoopGroup children) {
        ServerBootstrap http = new ServerBootstrap()
                .group(parent, children)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true);
        if (transport.linux()) {
            http.option(UnixChannelOption.SO_REUSEPORT, true);
            // wake up for a connection only once its request has arrived: one wake-up per request.
            // No child options: each costs a setsockopt per connection. Netty's channels set
            // TCP_NODELAY themselves; the ring listener's connections inherit it from the listening
            // socket (Linux copies it at accept). TCP_QUICKACK is not set: accepted sockets do not
            // inherit it from the listening socket, and acknowledge the request at once anyway.
            http.option(transport.deferAccept(), 1);
        }
        return http;
    }

    static int port(Channel listening) {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    static void closeAll(List<Channel> listening) {
        for (Channel channel : listening) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        listening.clear();
    }
}
