package org.seedcast.tracker.netty;

import java.time.Duration;
import java.util.Objects;
import org.seedcast.node.FileDescriptors;

/**
 * Where and how the tracker listens. Plain values: the defaults are the application's settings
 * ({@code TrackerProperties}), and {@link #builder()} names each value where one is made.
 *
 * @param bindAddress             address to bind, or blank for all (IPv6 and IPv4 where possible)
 * @param port                    TCP and UDP port; 0 picks a free one (tests)
 * @param threads                 event-loop threads; 0 for one per core
 * @param maxConnectionsPerAddress open HTTP connections allowed per source address
 * @param idleTimeout             an HTTP connection silent this long is closed
 * @param maxPeers                peers per answer at most, to size per-thread buffers
 * @param udpSockets              UDP sockets sharing the port ({@code SO_REUSEPORT}, epoll only),
 *                                spread over the event loops
 * @param udpReceiveBuffer        {@code SO_RCVBUF} of each UDP socket in bytes
 * @param tarpit                  how long answers to HTTP requests from addresses far over their
 *                                budget are held ({@link Tarpit}); zero sends them at once
 * @param ioUring                 HTTP over io_uring where the kernel offers it ({@link Transport}),
 *                                epoll otherwise; UDP always uses epoll on Linux
 * @param httpThreads             event-loop threads of HTTP's own when it runs on io_uring; 0 for
 *                                half the cores, at least two (on epoll and NIO, HTTP shares
 *                                UDP's {@code threads})
 * @param headTimeout             a request head must be complete this long after the connection was
 *                                accepted, or after the answer before it on a kept connection; bytes
 *                                trickling in do not extend it
 * @param maxConnections          open HTTP connections at most, over all HTTP event loops (each loop
 *                                takes an equal share); at capacity the connection that has waited
 *                                longest for its request head is closed to make room for a new one;
 *                                0 for {@link #defaultMaxConnections}
 */
public record ListenerSettings(String bindAddress, int port, int threads, int maxConnectionsPerAddress,
                               Duration idleTimeout, int maxPeers, int udpSockets, int udpReceiveBuffer,
                               Duration tarpit, boolean ioUring, int httpThreads, Duration headTimeout,
                               int maxConnections) {

    /** Connections one HTTP event loop holds at most ({@link RingHttpListener}'s slot arrays). */
    public static final int MAX_CONNECTIONS_PER_LOOP = 16_384;

    /**
     * Each of {@code loops} HTTP event loops holds at most this many connections: an equal share of
     * {@link #maxConnections} (the kernel spreads connections evenly over {@code SO_REUSEPORT}
     * listeners, and NIO's acceptor hands them out in turn), at least one, at most
     * {@link #MAX_CONNECTIONS_PER_LOOP}.
     */
    int connectionsPerLoop(int loops) {
        long total = maxConnections > 0 ? maxConnections : defaultMaxConnections(loops);
        return (int) Math.clamp((total + loops - 1) / loops, 1, MAX_CONNECTIONS_PER_LOOP);
    }

    /**
     * A quarter of the process's file descriptors ({@code ulimit -n}; the JVM raises the soft limit
     * to the hard one), at least 256 and at most {@link #MAX_CONNECTIONS_PER_LOOP} per HTTP event
     * loop. The other three quarters stay with the rest of the application: the web server's
     * connections (Tomcat accepts up to 8,192), the database pool, media files being served, the UDP
     * sockets and the JVM's own files; running out of descriptors would stop all of them, where a
     * full tracker listener only sheds its oldest waiting connection. Docker's and systemd's usual
     * limits (524,288 and more) give the per-loop maximum; a shell's 1,024 gives 256.
     */
    static long defaultMaxConnections(int loops) {
        return Math.clamp(FileDescriptors.limit() / 4, 256, (long) MAX_CONNECTIONS_PER_LOOP * loops);
    }

    int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * HTTP on io_uring needs few event loops: one serves tens of thousands of one-shot connections a
     * second. Half the cores leaves the rest to UDP and to the web application when HTTP is flooded.
     * At least two, even on a small machine: each loop has its own listening socket and accept queue,
     * and when thousands of slow connections are shed and reconnect at once, a legitimate connection
     * queued behind them waits for one loop to take them all; two queues drained in parallel keep
     * that wait a fraction of it.
     */
    public int httpThreadCount() {
        return httpThreads > 0 ? httpThreads : Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** A builder starting from these settings, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Names each value of new settings; every one must be set. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Settings by name; see the record's components. */
    public static final class Builder {
        private String bindAddress;
        private Integer port;
        private Integer threads;
        private Integer maxConnectionsPerAddress;
        private Duration idleTimeout;
        private Integer maxPeers;
        private Integer udpSockets;
        private Integer udpReceiveBuffer;
        private Duration tarpit;
        private Boolean ioUring;
        private Integer httpThreads;
        private Duration headTimeout;
        private Integer maxConnections;

        private Builder(ListenerSettings from) {
            if (from != null) {
                bindAddress(from.bindAddress).port(from.port).threads(from.threads)
                        .maxConnectionsPerAddress(from.maxConnectionsPerAddress).idleTimeout(from.idleTimeout)
                        .maxPeers(from.maxPeers).udpSockets(from.udpSockets).udpReceiveBuffer(from.udpReceiveBuffer)
                        .tarpit(from.tarpit).ioUring(from.ioUring).httpThreads(from.httpThreads)
                        .headTimeout(from.headTimeout).maxConnections(from.maxConnections);
            }
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder maxPeers(int value) {
            maxPeers = value;
            return this;
        }

        public Builder udpSockets(int value) {
            udpSockets = value;
            return this;
        }

        public Builder udpReceiveBuffer(int bytes) {
            udpReceiveBuffer = bytes;
            return this;
        }

        public Builder tarpit(Duration value) {
            tarpit = value;
            return this;
        }

        public Builder ioUring(boolean value) {
            ioUring = value;
            return this;
        }

        public Builder httpThreads(int value) {
            httpThreads = value;
            return this;
        }

        public Builder headTimeout(Duration value) {
            headTimeout = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** @throws NullPointerException naming the first value not set */
        public ListenerSettings build() {
            return new ListenerSettings(set(bindAddress, "bindAddress"), set(port, "port"), set(threads, "threads"),
                    set(maxConnectionsPerAddress, "maxConnectionsPerAddress"), set(idleTimeout, "idleTimeout"),
                    set(maxPeers, "maxPeers"), set(udpSockets, "udpSockets"),
                    set(udpReceiveBuffer, "udpReceiveBuffer"), set(tarpit, "tarpit"), set(ioUring, "ioUring"),
                    set(httpThreads, "httpThreads"), set(headTimeout, "headTimeout"),
                    set(maxConnections, "maxConnections"));
        }

        private static <T> T set(T value, String name) {
            return Objects.requireNonNull(value, () -> "ListenerSettings." + name + " is not set");
        }
    }
}
