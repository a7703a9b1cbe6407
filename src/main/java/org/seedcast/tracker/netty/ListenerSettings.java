package org.seedcast.tracker.netty;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Where and how the tracker listens.
 *
 * @param bindAddress             address to bind, or blank for all (IPv6 and IPv4 where possible)
 * @param port                    TCP and UDP port; 0 picks a free one (tests)
 * @param threads                 event-loop threads; 0 for one per core
 * @param maxConnectionsPerAddress open HTTP connections allowed per source address
 * @param idleTimeout             an HTTP connection silent this long is closed
 * @param maxPeers                peers per answer at most, to size per-thread buffers
 * @param udpSockets              UDP sockets sharing the port ({@code SO_REUSEPORT}, epoll only),
 *                                spread over the event loops; 0 for {@link #DEFAULT_UDP_SOCKETS}
 * @param udpReceiveBuffer        {@code SO_RCVBUF} of each UDP socket in bytes; 0 for
 *                                {@link #DEFAULT_UDP_RECEIVE_BUFFER}
 * @param tarpit                  how long answers to HTTP requests from addresses far over their
 *                                budget are held ({@link Tarpit}); zero sends them at once
 * @param ioUring                 HTTP over io_uring where the kernel offers it ({@link Transport}),
 *                                epoll otherwise; UDP always uses epoll on Linux
 * @param httpThreads             event-loop threads of HTTP's own when it runs on io_uring; 0 for
 *                                half the cores, at least one (on epoll and NIO, HTTP shares
 *                                UDP's {@code threads})
 * @param headTimeout             a request head must be complete this long after the connection was
 *                                accepted, or after the answer before it on a kept connection; bytes
 *                                trickling in do not extend it; null for {@link #DEFAULT_HEAD_TIMEOUT}
 * @param maxConnections          open HTTP connections at most, over all HTTP event loops (each loop
 *                                takes an equal share); at capacity the connection that has waited
 *                                longest for its request head is closed to make room for a new one;
 *                                0 for {@link #defaultMaxConnections}
 */
public record ListenerSettings(String bindAddress, int port, int threads, int maxConnectionsPerAddress,
                               Duration idleTimeout, int maxPeers, int udpSockets, int udpReceiveBuffer,
                               Duration tarpit, boolean ioUring, int httpThreads, Duration headTimeout,
                               int maxConnections) {

    /**
     * A tracker client sends its whole request head in one segment right after connecting (under
     * 1 KiB), and the listening socket only wakes up once it has arrived ({@code TCP_DEFER_ACCEPT}):
     * a legitimate head completes within a round trip. Five seconds leaves room for a lossy mobile
     * link retransmitting twice, while a slowloris client, whose trickled bytes no longer extend the
     * wait, holds a connection for five seconds at most.
     */
    public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The default per-address limit. A carrier-grade NAT puts hundreds of subscribers behind one
     * address, and each announce holds a connection for a round trip or two: 64 at once is far more
     * than such an address needs, while an attacker needs {@code maxConnections / 64} addresses to
     * fill the listener (and even then, newcomers are served: the oldest waiting connection is shed).
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    /** Connections one HTTP event loop holds at most ({@link RingHttpListener}'s slot arrays). */
    public static final int MAX_CONNECTIONS_PER_LOOP = 16_384;

    /** The tarpit's default hold. */
    public static final Duration DEFAULT_TARPIT = Duration.ofSeconds(1);

    /**
     * The kernel picks a {@code SO_REUSEPORT} socket by a hash of the sender's address and port, so
     * one flooding sender fills one socket's queue: with many sockets, only the legitimate peers
     * that hash to the same socket wait behind it.
     */
    public static final int DEFAULT_UDP_SOCKETS = 64;

    /**
     * Queues that ride out a pause of the JVM: the flooder's socket fills while the event loops
     * stand still (a GC pause), and a smaller queue drops the datagrams of the legitimate peers that
     * share it, which a BEP 15 client retries only after 15 s. The price is a wait behind the queue
     * after a pause for those peers. The kernel caps it at {@code net.core.rmem_max}.
     */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

    public ListenerSettings(String bindAddress, int port, int threads, int maxConnectionsPerAddress,
                            Duration idleTimeout, int maxPeers) {
        this(bindAddress, port, threads, maxConnectionsPerAddress, idleTimeout, maxPeers, 0, 0, DEFAULT_TARPIT, true, 0);
    }

    public ListenerSettings(String bindAddress, int port, int threads, int maxConnectionsPerAddress,
                            Duration idleTimeout, int maxPeers, int udpSockets, int udpReceiveBuffer,
                            Duration tarpit, boolean ioUring, int httpThreads) {
        this(bindAddress, port, threads, maxConnectionsPerAddress, idleTimeout, maxPeers, udpSockets, udpReceiveBuffer,
                tarpit, ioUring, httpThreads, DEFAULT_HEAD_TIMEOUT, 0);
    }

    Duration headTimeoutOrDefault() {
        return headTimeout != null && headTimeout.isPositive() ? headTimeout : DEFAULT_HEAD_TIMEOUT;
    }

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
        long descriptors = 4096;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            descriptors = unix.getMaxFileDescriptorCount();
        }
        return Math.clamp(descriptors / 4, 256, (long) MAX_CONNECTIONS_PER_LOOP * loops);
    }

    int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * HTTP on io_uring needs few event loops: one serves tens of thousands of one-shot connections a
     * second. Half the cores leaves the rest to UDP and to the web application when HTTP is flooded,
     * and on a small machine one loop batches more completions per wake-up.
     */
    public int httpThreadCount() {
        return httpThreads > 0 ? httpThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    int udpSocketCount() {
        return udpSockets > 0 ? udpSockets : Math.max(DEFAULT_UDP_SOCKETS, threadCount());
    }

    int udpReceiveBufferBytes() {
        return udpReceiveBuffer > 0 ? udpReceiveBuffer : DEFAULT_UDP_RECEIVE_BUFFER;
    }
}
