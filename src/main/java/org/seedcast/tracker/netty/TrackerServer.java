package org.seedcast.tracker.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's listeners: HTTP on TCP and BEP 15 on UDP, on the same port, on event loops of their
 * own so a flood cannot starve the web application's threads. On Linux, HTTP runs on io_uring where
 * the kernel offers it and UDP on epoll ({@link Transport} says why), each with {@code SO_REUSEPORT}
 * (one HTTP listener per event loop, many small UDP sockets spread over the loops; see
 * {@code seedcast.tracker.udp-sockets}); NIO elsewhere. This class picks the transports and
 * with HTTP's the {@link HttpListener} for it, which holds HTTP connections to the same rules
 * whichever it is.
 */
public final class TrackerServer {

    private static final Logger log = LoggerFactory.getLogger(TrackerServer.class);
    static final int MAX_DATAGRAM = 2048;
    private static final int DATAGRAMS_PER_READ = 32;

    static {
        // Netty samples one buffer in 128 for leak tracking, and then records a stack trace for every
        // datagram sliced out of a sampled 64 KiB receive buffer: a flood pays for that. The tracker's
        // buffers are released in one place each; -Dio.netty.leakDetection.level turns it back on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private final TrackerEngine engine;
    private final ListenerSettings settings;
    private final ConnectionLimiter connections;
    private final List<Channel> udpChannels = new ArrayList<>();
    private HttpListener http;
    /** UDP's event loops, and HTTP's too unless HTTP runs on io_uring. */
    private EventLoopGroup workers;
    private EventLoopGroup httpWorkers;
    private Transport udpTransport;
    private Transport httpTransport;
    private int boundPort = -1;

    public TrackerServer(TrackerEngine engine, ListenerSettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.connections = new ConnectionLimiter(settings.maxConnectionsPerAddress());
    }

    /**
     * Binds both listeners.
     *
     * @throws IllegalStateException if either port is taken
     */
    public synchronized void start() {
        if (workers != null) {
            return;
        }
        udpTransport = Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
        httpTransport = udpTransport;
        if (settings.ioUring() && udpTransport == Transport.EPOLL) {
            if (Transport.IO_URING.available()) {
                httpTransport = Transport.IO_URING;
            } else {
                log.info("HTTP tracker on epoll: io_uring is not available here ({})", IoUring.unavailabilityCause());
            }
        }
        int threads = settings.threadCount();
        workers = udpTransport.group(threads, "seedcast-tracker");
        httpWorkers = httpTransport == udpTransport ? workers
                : httpTransport.group(settings.httpThreadCount(), "seedcast-tracker-http");
        FastThreadLocal<Scratch> scratch = Scratch.perThread(settings.maxPeers());
        int httpLoops = httpWorkers == workers ? threads : settings.httpThreadCount();
        http = HttpListener.on(httpTransport, engine, connections, scratch, HttpListener.Limits.of(settings, httpLoops));
        preallocate();
        // with port 0 the kernel picks a free TCP port, whose UDP twin may be taken: try a few
        for (int attempt = 1; ; attempt++) {
            try {
                bind(scratch);
                break;
            } catch (RuntimeException e) {
                closeChannels();
                if (settings.port() != 0 || attempt == 5) {
                    stop();
                    throw e;
                }
            }
        }
    }

    /** The transports in use, e.g. {@code "HTTP IO_URING, UDP EPOLL"}; empty when stopped. */
    public synchronized String transports() {
        return workers == null ? "" : "HTTP " + httpTransport + ", UDP " + udpTransport;
    }

    /**
     * Netty's allocators create a thread's first memory chunk, and the first time also their JFR
     * event types, on first use: done on a peer's first datagram, that would hold its answer back.
     */
    private void preallocate() {
        List<EventExecutor> loops = new ArrayList<>();
        workers.forEach(loops::add);
        if (httpWorkers != workers) {
            httpWorkers.forEach(loops::add);
        }
        for (EventExecutor loop : loops) {
            loop.submit(() -> {
                for (ByteBufAllocator allocator : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
                    allocator.directBuffer(MAX_DATAGRAM * DATAGRAMS_PER_READ).release();
                }
            }).syncUninterruptibly();
        }
    }

    private void bind(FastThreadLocal<Scratch> scratch) {
        try {
            // with port 0 on Linux, a port asked for first: each event loop listens on it
            boundPort = http.listen(httpWorkers, address(settings.port() == 0 && httpTransport.linux()
                    ? unsharedFreePort(host()) : settings.port()));
            bindUdp(scratch);
            log.info("tracker listening on {} port {} ({}; {} HTTP and {} UDP event loops)", host(), boundPort, transports(),
                    httpWorkers == workers ? settings.threadCount() : settings.httpThreadCount(), settings.threadCount());
        } catch (Exception e) { // Netty rethrows the checked BindException as it is
            throw new IllegalStateException("tracker cannot listen on port " + settings.port() + ": " + e, e);
        }
    }

    /** The bound port, useful when configured as 0. */
    public synchronized int port() {
        return boundPort;
    }

    public synchronized boolean running() {
        return workers != null;
    }

    public synchronized void stop() {
        closeChannels();
        http = null;
        for (EventLoopGroup group : new EventLoopGroup[] {workers, httpWorkers}) {
            if (group != null && !group.isShuttingDown()) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            }
        }
        workers = null;
        httpWorkers = null;
        boundPort = -1;
    }

    /**
     * A port for "any free port": asked of the kernel with a plain socket, then bound with
     * {@code SO_REUSEPORT}. Asked with {@code SO_REUSEPORT} itself, the kernel may hand out a port
     * another live {@code SO_REUSEPORT} listener of the same user holds, and share its connections
     * with it (seen between tests in one JVM). The port could be taken in between; start() tries again.
     * UDP likewise.
     */
    static int unsharedFreePort(String host) {
        try (ServerSocket probe = new ServerSocket(); DatagramSocket twin = new DatagramSocket(null)) {
            probe.bind(address(host, 0));
            twin.bind(address(host, probe.getLocalPort())); // the UDP twin, free as well (or start() tries again)
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bindUdp(FastThreadLocal<Scratch> scratch) {
        boolean epoll = udpTransport == Transport.EPOLL;
        UdpTrackerHandler handler = new UdpTrackerHandler(engine, scratch);
        // one recvmmsg of up to DATAGRAMS_PER_READ datagrams per socket and wake-up: a socket a flood
        // keeps full then takes its turn with the others instead of holding the event loop
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(epoll ? MAX_DATAGRAM * DATAGRAMS_PER_READ : MAX_DATAGRAM);
        reads.maxMessagesPerRead(DATAGRAMS_PER_READ);
        Bootstrap udp = new Bootstrap()
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, settings.udpReceiveBuffer())
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, reads)
                // Netty 4.2's default (adaptive) allocator gives each 64 KiB receive buffer a chunk of
                // its own and frees it by closing a shared memory arena, which stops every thread of
                // the JVM (a handshake) once per wake-up; the pooled allocator keeps such buffers
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(handler);
                    }
                });
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : workers) {
            loops.add((EventLoop) executor);
        }
        int sockets = 1;
        if (epoll) {
            udp.option(UnixChannelOption.SO_REUSEPORT, true);
            // recvmmsg: a BEP 15 request is at most 16 + 20 × 74 bytes for the hashes answered, and
            // longer packets only lose what is ignored anyway
            udp.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
            // the kernel spreads datagrams over the sockets by a hash of the sender's address and
            // port: a single flooding sender fills one socket, and only the peers hashed to it share its queue
            sockets = settings.udpSockets();
        }
        int filtered = 0;
        for (int i = 0; i < sockets; i++) {
            Channel channel = udp.clone(loops.get(i % loops.size())).bind(address(boundPort)).syncUninterruptibly().channel();
            udpChannels.add(channel);
            if (epoll && GarbageFilter.attach(channel)) {
                filtered++;
            }
        }
        if (epoll && filtered < sockets) {
            log.info("the kernel took the UDP garbage filter on {} of {} sockets: the tracker drops garbage itself", filtered,
                    sockets);
        }
        reportReceiveQueue(udpChannels.getLast(), settings.udpReceiveBuffer());
    }

    /** The kernel grants at most {@code net.core.rmem_max} (and reports twice what it grants). */
    private static void reportReceiveQueue(Channel udp, int requested) {
        Integer reported = udp.config().getOption(ChannelOption.SO_RCVBUF);
        if (reported != null && reported / 2 < requested) {
            log.warn("each UDP socket got a receive queue of {} KiB, not the {} KiB asked for: the kernel caps it at "
                    + "net.core.rmem_max; raise it (sysctl -w net.core.rmem_max={}) so that a flooded socket rides "
                    + "out pauses without dropping legitimate datagrams", reported / 2 / 1024, requested / 1024, requested);
        }
    }

    private void closeChannels() {
        if (http != null) {
            http.close();
        }
        HttpListener.closeAll(udpChannels);
    }

    private InetSocketAddress address(int port) {
        return address(host(), port);
    }

    private static InetSocketAddress address(String host, int port) {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private String host() {
        return settings.bindAddress().strip();
    }
}
