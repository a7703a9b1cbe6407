package org.seedcast.tracker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;
import org.seedcast.tracker.protocol.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.x for a tracker on Netty's channels (epoll or NIO), without a general HTTP codec: collect
 * the request head (at most 4 KiB), answer it ({@link HttpExchange}), and close unless the client
 * asked to keep the connection. One instance per connection; its event loop's
 * {@link EventLoopConnections} holds it to its head deadline and sheds it at capacity. A connection
 * over its address's limit is not held at all: what has already arrived is read at once, a complete
 * head gets the cheap refusal, and the connection is closed.
 */
final class HttpTrackerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpTrackerHandler.class);

    private final TrackerEngine engine;
    private final ConnectionLimiter connections;
    private final FastThreadLocal<Scratch> scratch;
    private final FastThreadLocal<Tarpit<Held>> tarpit;
    private final FastThreadLocal<EventLoopConnections> loopConnections;
    /** Null unless admitted under the address's limit. */
    private EventLoopConnections loop;
    private ChannelHandlerContext ctx;
    // kept by EventLoopConnections: when the current wait began, the last read, its list and neighbours
    long since;
    long lastRead;
    EventLoopConnections.Chain chain;
    HttpTrackerHandler previous;
    HttpTrackerHandler next;
    boolean shed;
    private ByteBuf pending;
    private Endpoint remote;
    private boolean admitted;
    private boolean closing;

    HttpTrackerHandler(TrackerEngine engine, ConnectionLimiter connections, FastThreadLocal<Scratch> scratch,
                       FastThreadLocal<Tarpit<Held>> tarpit, FastThreadLocal<EventLoopConnections> loopConnections) {
        this.engine = engine;
        this.connections = connections;
        this.scratch = scratch;
        this.tarpit = tarpit;
        this.loopConnections = loopConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress address)) {
            ctx.close(); // already gone
            return;
        }
        remote = Endpoint.of(address);
        this.ctx = ctx;
        admitted = connections.open(remote.addressKey());
        if (!admitted) {
            refuseAtOnce(ctx);
            return;
        }
        lastRead = System.nanoTime();
        loop = loopConnections.get();
        loop.opened(this, ctx.executor());
        ctx.fireChannelActive();
    }

    /**
     * Over the address's limit: answers what has already arrived (the head usually has, as the
     * listening socket wakes up only then, {@code TCP_DEFER_ACCEPT}) with the cheap refusal, read
     * straight from the socket without waiting (as {@link RingHttpListener} does with
     * {@code MSG_DONTWAIT}), and closes; anything else is closed at once. On NIO, which offers no
     * such read, it is closed at once.
     */
    private void refuseAtOnce(ChannelHandlerContext ctx) {
        closing = true; // anything Netty reads from it later is dropped
        if (ctx.channel() instanceof UnixChannel unix) {
            Scratch s = scratch.get();
            try {
                int n = unix.fd().read(s.direct, 0, Scratch.MAX_HEAD); // 0: nothing yet, -1: closed
                if (n > 0) {
                    s.direct.get(0, s.head, 0, n);
                    int end = HttpExchange.headEnd(s.head, n);
                    if (end >= 0) {
                        respond(ctx, s, HttpExchange.answer(engine, s, end, remote, false));
                        return;
                    }
                }
            } catch (IOException e) {
                log.debug("reading from {} over its connection limit", remote, e);
            }
        }
        ctx.close();
    }

    /** Shed by {@link EventLoopConnections}: at capacity, or past its deadline. */
    void shed() {
        closing = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted && remote != null) {
            connections.close(remote.addressKey());
            admitted = false;
            loop.closed(this);
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        lastRead = System.nanoTime();
        if (closing) {
            in.release();
            return;
        }
        ByteBuf buf = pending == null ? in : pending.writeBytes(in);
        if (buf != in) {
            in.release();
        }
        try {
            while (!closing) {
                Scratch s = scratch.get();
                int n = Math.min(buf.readableBytes(), Scratch.MAX_HEAD);
                buf.getBytes(buf.readerIndex(), s.head, 0, n);
                int end = HttpExchange.headEnd(s.head, n);
                if (end < 0) {
                    if (buf.readableBytes() > Scratch.MAX_HEAD) {
                        HttpExchange.tooLarge(engine, s);
                        lingerAfter(ctx, s);
                    }
                    break;
                }
                buf.skipBytes(end);
                respond(ctx, s, HttpExchange.answer(engine, s, end, remote, admitted));
            }
        } finally {
            keepRemainder(ctx, buf);
        }
    }

    private void keepRemainder(ChannelHandlerContext ctx, ByteBuf buf) {
        if (closing || !buf.isReadable()) {
            buf.release();
            pending = null;
        } else if (buf != pending) {
            pending = ctx.alloc().buffer(Math.max(256, buf.readableBytes()));
            pending.writeBytes(buf);
            buf.release();
        } else {
            buf.discardReadBytes();
        }
    }

    /** Sends the answer {@link HttpExchange} left in the scratch buffer, or has the tarpit hold it. */
    private void respond(ChannelHandlerContext ctx, Scratch s, int flags) {
        ByteBuffer out = s.out;
        ByteBuf response = ctx.alloc().directBuffer(out.remaining());
        response.writeBytes(out.array(), out.position(), out.remaining());
        if ((flags & HttpExchange.SLOW) != 0 && tarpit.get().hold(ctx.executor(), new Held(ctx, response))) {
            closing = true; // anything more it sends is read and dropped; the tarpit answers and closes
            if (loop != null) {
                loop.closing(this);
            }
            return;
        }
        if ((flags & HttpExchange.KEEP_ALIVE) != 0) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            loop.requestStarted(this); // keep-alive only when admitted: loop is set
        } else {
            closing = true;
            if (loop != null) {
                loop.closing(this);
            }
            sendAndClose(ctx, response);
        }
    }

    /**
     * Sends the 431 and then only reads, dropping what comes, until the client closes: closed with
     * the rest of the head unread, the socket would answer with a reset, which can reach the client
     * before it has read the 431. The answer leaves with a {@code FIN} ({@code shutdownOutput}); the
     * head deadline bounds the wait, and the connection is shed first at capacity.
     */
    private void lingerAfter(ChannelHandlerContext ctx, Scratch s) {
        ByteBuffer out = s.out;
        ByteBuf response = ctx.alloc().directBuffer(out.remaining());
        response.writeBytes(out.array(), out.position(), out.remaining());
        closing = true;
        if (loop != null) {
            loop.requestStarted(this);
        }
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                ctx.close();
            }
        });
    }

    /**
     * Writes the last answer corked ({@code TCP_CORK}, where the transport has it) and closes: the
     * kernel then sends the answer with the {@code FIN} in one segment instead of two (see
     * {@link RingHttpListener#send}).
     */
    private static void sendAndClose(ChannelHandlerContext ctx, ByteBuf answer) {
        ctx.channel().config().setOption(EpollChannelOption.TCP_CORK, true); // NIO: not applied
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** An answer the tarpit holds: sent once due, then the connection closes. */
    record Held(ChannelHandlerContext ctx, ByteBuf answer) {

        void send() {
            if (ctx.channel().isActive()) {
                sendAndClose(ctx, answer);
            } else {
                answer.release();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("tracker connection error from {}", remote, cause);
        ctx.close();
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
