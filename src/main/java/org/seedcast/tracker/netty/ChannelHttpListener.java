package org.seedcast.tracker.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;

/**
 * The tracker's HTTP on Netty's channels (epoll, NIO): a {@link HttpTrackerHandler} per connection,
 * and per event loop one {@link EventLoopConnections} and one {@link Tarpit}.
 */
final class ChannelHttpListener implements HttpListener {

    private final Transport transport;
    private final TrackerEngine engine;
    private final ConnectionLimiter connections;
    private final FastThreadLocal<Scratch> scratch;
    private final FastThreadLocal<Tarpit<HttpTrackerHandler.Held>> tarpits;
    private final FastThreadLocal<EventLoopConnections> loopConnections;
    private final List<Channel> listening = new ArrayList<>();
    /** The connections, closed by {@link #close}. */
    private final ChannelGroup open = new DefaultChannelGroup("seedcast-tracker-http", GlobalEventExecutor.INSTANCE);
    /** NIO's: one thread accepts for all the loops. */
    private EventLoopGroup acceptor;

    ChannelHttpListener(Transport transport, TrackerEngine engine, ConnectionLimiter connections,
                        FastThreadLocal<Scratch> scratch, Limits limits) {
        this.transport = transport;
        this.engine = engine;
        this.connections = connections;
        this.scratch = scratch;
        tarpits = new FastThreadLocal<>() {
            @Override
            protected Tarpit<HttpTrackerHandler.Held> initialValue() {
                return new Tarpit<>(limits.heldAnswers(), limits.tarpitMillis(), HttpTrackerHandler.Held::send);
            }
        };
        long headNanos = limits.headTimeout().toNanos();
        long idleNanos = limits.idleTimeout().toNanos();
        loopConnections = new FastThreadLocal<>() {
            @Override
            protected EventLoopConnections initialValue() {
                return new EventLoopConnections(limits.connections(), headNanos, idleNanos);
            }
        };
    }

    @Override
    public int listen(EventLoopGroup loops, InetSocketAddress address) {
        if (!transport.linux()) {
            acceptor = transport.group(1, "seedcast-tracker-accept");
            return HttpListener.port(bind(acceptor, loops, address));
        }
        for (EventExecutor executor : loops) {
            EventLoop loop = (EventLoop) executor;
            bind(loop, loop, address);
        }
        return HttpListener.port(listening.getFirst());
    }

    private Channel bind(EventLoopGroup parent, EventLoopGroup children, InetSocketAddress address) {
        Channel channel = HttpListener.bootstrap(transport, parent, children)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.add(ch); // removed by the group itself when closed
                        ch.pipeline().addLast(new HttpTrackerHandler(engine, connections, scratch, tarpits,
                                loopConnections));
                    }
                })
                .bind(address).syncUninterruptibly().channel();
        listening.add(channel);
        return channel;
    }

    @Override
    public void close() {
        HttpListener.closeAll(listening);
        // the event loops' shutdown can leave open a connection that waits for the rest of its request
        open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (acceptor != null) {
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            acceptor = null;
        }
    }
}
