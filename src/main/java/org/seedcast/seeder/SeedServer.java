package org.seedcast.seeder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FileRegion;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.seedcast.network.AddressKeys;
import org.seedcast.node.ThreadPriorities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's TCP listener on event loops of its own (epoll on Linux, NIO elsewhere), so peers never
 * wait behind the web application or the tracker; on Linux each loop has a listening socket of its
 * own on the port ({@code SO_REUSEPORT}). A connection from an address the tracker bans,
 * or past its address's share, is closed before a byte is read; each loop holds its share of the
 * total and sheds its idlest connection for a newcomer ({@link LoopPeers}). A timer rotates every
 * torrent's unchoked peers ({@link Choker}).
 */
final class SeedServer {

    private static final Logger log = LoggerFactory.getLogger(SeedServer.class);
    /**
     * Queued blocks are file regions, not bytes in memory: a few megabytes of them keep a fast
     * peer's socket busy, and a slow peer holds no more than that.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);
    /**
     * Netty counts a {@code FileRegion} as zero bytes pending, which would make a channel writable
     * for ever: count the bytes it will send, so writability bounds what is queued.
     */
    private static final MessageSizeEstimator SIZES = () -> message -> switch (message) {
        case ByteBuf b -> b.readableBytes();
        case ByteBufHolder h -> h.content().readableBytes();
        case FileRegion r -> (int) Math.min(Integer.MAX_VALUE, r.count());
        default -> 8;
    };

    private final Seed seed;
    private final int port;
    private final Predicate<InetAddress> banned;
    private final AddressLimits addresses;
    private final ExchangeBudget exchanges;
    private final ChannelGroup open = new DefaultChannelGroup("seedcast-seeder", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup loops;
    private final List<Channel> listeners = new ArrayList<>();
    private ScheduledFuture<?> rotation;
    private FastThreadLocal<LoopPeers> loopPeers;
    private long rounds;
    private int boundPort = -1;

    SeedServer(Seed seed, int port, Predicate<InetAddress> banned) {
        this.seed = seed;
        this.port = port;
        this.banned = banned;
        this.addresses = new AddressLimits(seed.settings().maxConnectionsPerAddress());
        this.exchanges = new ExchangeBudget(seed.settings().encryptedHandshakesPerSecond(), System::nanoTime);
    }

    /**
     * Binds the listening sockets.
     *
     * @throws IllegalStateException if the port is taken
     */
    synchronized void start() {
        if (loops != null) {
            return;
        }
        SeederProperties settings = seed.settings();
        boolean epoll = Epoll.isAvailable();
        int threads = settings.threadCount();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("seedcast-seeder", true, ThreadPriorities.YIELDING), handlers);
        int perLoop = Math.max(1, (settings.maxConnections() + threads - 1) / threads);
        loopPeers = new FastThreadLocal<>() {
            @Override
            protected LoopPeers initialValue() {
                return new LoopPeers(perLoop, seed::nanoTime);
            }
        };
        try {
            if (epoll) {
                // a listening socket per loop (SO_REUSEPORT): the kernel spreads connections over
                // their accept queues, each loop accepts its own without handing them over, and a
                // newcomer queued behind a burst of reconnecting attackers waits for one loop's share
                int bound = port;
                for (EventExecutor loop : loops) {
                    bound = portOf(listen((EventLoop) loop, EpollServerSocketChannel.class, true, bound));
                }
            } else {
                listen(loops, NioServerSocketChannel.class, false, port);
            }
        } catch (Exception e) { // Netty rethrows the checked BindException as it is
            stop();
            throw new IllegalStateException("the seed cannot listen on port " + port + ": " + e, e);
        }
        boundPort = portOf(listeners.getFirst());
        long every = settings.rotationInterval().toNanos();
        rotation = loops.next().scheduleAtFixedRate(this::rotate, every, every, TimeUnit.NANOSECONDS);
        log.info("seed listening on port {} ({}, {} event loops, {} torrents)", boundPort, epoll ? "epoll" : "NIO",
                threads, seed.registry().size());
    }

    /** A listening socket on {@code port} (0: any), accepted on {@code group} and served by its loops. */
    private Channel listen(EventLoopGroup group, Class<? extends ServerChannel> channel, boolean reusePort, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(channel)
                // the tracker's: a flood of connections shed and reopened arrives in bursts, and a
                // full accept queue drops a newcomer's SYN, which its kernel resends only a second later
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Nagle on: a block's 13-byte header then joins the block's first segment instead
                // of leaving as a packet of its own while earlier blocks are in flight
                .childOption(ChannelOption.TCP_NODELAY, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SIZES)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        if (reusePort) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        Channel listening = bootstrap.bind(address(seed.settings().bindAddress(), port)).syncUninterruptibly().channel();
        listeners.add(listening);
        return listening;
    }

    private void accept(SocketChannel ch) {
        InetAddress address = ch.remoteAddress().getAddress();
        if (banned.test(address)) {
            seed.metrics().closed(CloseReason.BANNED);
            ch.close();
            return;
        }
        long key = AddressKeys.of(address);
        if (!addresses.open(key)) {
            seed.metrics().closed(CloseReason.ADDRESS_LIMIT);
            ch.close();
            return;
        }
        PeerConnection peer = new PeerConnection(seed);
        LoopPeers peers = loopPeers.get();
        seed.metrics().opened();
        ch.closeFuture().addListener(f -> {
            addresses.close(key);
            seed.metrics().gone();
            peers.closed(peer);
        });
        open.add(ch);
        if (exchanges.enabled()) {
            ch.pipeline().addLast(new EncryptedHandshake(seed, peer, exchanges));
        }
        ch.pipeline().addLast(peer);
        peers.opened(peer, ch.eventLoop());
    }

    /** Every other round also moves the optimistic slot. */
    private void rotate() {
        boolean optimistic = rounds++ % 2 == 1;
        for (SeededTorrent torrent : seed.registry().all()) {
            try {
                torrent.choker().rotate(optimistic);
            } catch (RuntimeException e) {
                log.warn("choking round failed for episode {}", torrent.episodeId(), e);
            }
        }
    }

    /** The bound port (useful when configured as 0), or -1 when not listening. */
    synchronized int port() {
        return boundPort;
    }

    synchronized boolean running() {
        return loops != null;
    }

    synchronized void stop() {
        if (rotation != null) {
            rotation.cancel(false);
            rotation = null;
        }
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        listeners.clear();
        open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            loops = null;
        }
        boundPort = -1;
    }

    private static int portOf(Channel listening) {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    private static InetSocketAddress address(String host, int port) {
        return host == null || host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host.strip(), port);
    }
}
