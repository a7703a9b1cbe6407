package org.seedcast.tracker.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;

/**
 * The tracker's HTTP on io_uring: Netty binds one listening socket per event loop and never reads
 * from it; a {@link RingHttpListener} on each loop accepts from it and drives the connections.
 */
final class IoUringHttpListener implements HttpListener {

    private final TrackerEngine engine;
    private final ConnectionLimiter connections;
    private final FastThreadLocal<Scratch> scratch;
    private final Limits limits;
    private final List<Channel> listening = new ArrayList<>();
    private final List<RingHttpListener> rings = new ArrayList<>();

    IoUringHttpListener(TrackerEngine engine, ConnectionLimiter connections, FastThreadLocal<Scratch> scratch,
                        Limits limits) {
        this.engine = engine;
        this.connections = connections;
        this.scratch = scratch;
        this.limits = limits;
    }

    @Override
    public int listen(EventLoopGroup loops, InetSocketAddress address) {
        for (EventExecutor executor : loops) {
            IoEventLoop loop = (IoEventLoop) executor;
            Channel channel = HttpListener.bootstrap(Transport.IO_URING, loop, loop)
                    .option(ChannelOption.AUTO_READ, false) // Netty only binds the socket: the ring listener accepts from it
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.close(); // not reached: nothing is accepted through Netty
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
            listening.add(channel);
            noDelay((UnixChannel) channel);
            RingHttpListener ring = new RingHttpListener(loop, ((UnixChannel) channel).fd().intValue(), engine,
                    connections, scratch, limits.idleTimeout(), limits.headTimeout(), limits.connections(),
                    limits.heldAnswers(), limits.tarpitMillis());
            ring.start();
            rings.add(ring);
        }
        return HttpListener.port(listening.getFirst());
    }

    private static void noDelay(UnixChannel listening) {
        try {
            new Socket(listening.fd().intValue()).setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // the ring listeners first: their pending accepts hold the listening sockets open
        for (RingHttpListener ring : rings) {
            ring.stop().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        rings.clear();
        HttpListener.closeAll(listening);
    }
}
