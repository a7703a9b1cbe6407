package org.seedcast.tracker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.guard.ConnectionLimiter;
import org.seedcast.tracker.protocol.BadRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HttpAnswers;
import org.seedcast.tracker.protocol.HttpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.x for a tracker, without a general HTTP codec: collect the request head (at most 4 KiB),
 * locate path and query in the raw bytes, let the engine write the bencoded body, put the head in
 * front of it, and close unless the client asked to keep the connection. One instance per
 * connection. Nothing thrown by a request escapes: it is answered with a failure instead.
 */
final class HttpTrackerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpTrackerHandler.class);
    private static final byte[] NOT_FOUND = HttpAnswers.plain(404, "Not Found", "tracker paths: /announce, /scrape\n");
    private static final byte[] NOT_ALLOWED = HttpAnswers.plain(405, "Method Not Allowed", "GET only\n");
    private static final byte[] TOO_LARGE = HttpAnswers.plain(431, "Request Header Fields Too Large", "request head over 4 KiB\n");
    private static final byte[] BAD = HttpAnswers.plain(400, "Bad Request", "malformed request\n");

    private final TrackerEngine engine;
    private final ConnectionLimiter connections;
    private final FastThreadLocal<Scratch> scratch;
    private final FastThreadLocal<Tarpit> tarpit;
    private final long idleNanos;
    private long lastReadNanos;
    private ScheduledFuture<?> idleCheck;
    private ByteBuf pending;
    private Endpoint remote;
    private boolean admitted;
    private boolean closing;

    HttpTrackerHandler(TrackerEngine engine, ConnectionLimiter connections, FastThreadLocal<Scratch> scratch,
                       FastThreadLocal<Tarpit> tarpit, Duration idleTimeout) {
        this.engine = engine;
        this.connections = connections;
        this.scratch = scratch;
        this.tarpit = tarpit;
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress address)) {
            ctx.close(); // already gone
            return;
        }
        remote = Endpoint.of(address);
        admitted = connections.open(remote.addressKey());
        lastReadNanos = System.nanoTime();
        idleCheck = ctx.executor().schedule(() -> closeIfIdle(ctx), idleNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    /**
     * One timer per connection, re-armed only when it fires: cheaper than an idle-state handler that
     * watches every read and write, for connections that mostly live for one request.
     */
    private void closeIfIdle(ChannelHandlerContext ctx) {
        long idle = System.nanoTime() - lastReadNanos;
        if (idle >= idleNanos) {
            ctx.close();
        } else if (ctx.channel().isActive()) {
            idleCheck = ctx.executor().schedule(() -> closeIfIdle(ctx), idleNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (admitted && remote != null) {
            connections.close(remote.addressKey());
            admitted = false;
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        lastReadNanos = System.nanoTime();
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
                int end = headEnd(buf);
                if (end < 0) {
                    if (buf.readableBytes() > Scratch.MAX_HEAD) {
                        reply(ctx, TOO_LARGE, Outcome.BAD_REQUEST);
                    }
                    break;
                }
                Scratch s = scratch.get();
                int length = end - buf.readerIndex();
                buf.readBytes(s.head, 0, length);
                handle(ctx, s, length);
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

    private void handle(ChannelHandlerContext ctx, Scratch s, int length) {
        HttpHead head;
        try {
            head = HttpHead.parse(s.head, length);
        } catch (BadRequest e) {
            reply(ctx, BAD, Outcome.BAD_REQUEST);
            return;
        }
        if (!head.get) {
            reply(ctx, NOT_ALLOWED, Outcome.BAD_REQUEST);
            return;
        }
        if (head.path == HttpHead.Path.OTHER) {
            reply(ctx, NOT_FOUND, Outcome.BAD_REQUEST);
            return;
        }
        ByteBuffer out = s.out;
        out.clear().position(HttpAnswers.HEAD_ROOM);
        boolean keepAlive = head.keepAlive && admitted;
        boolean slow = false;
        try {
            if (!admitted) {
                engine.httpOverConnectionLimit(out);
            } else {
                Endpoint client = engine.client(remote, head, s.head);
                Outcome outcome = head.path == HttpHead.Path.ANNOUNCE
                        ? engine.httpAnnounce(s.head, head, client, out, s.peers)
                        : engine.httpScrape(s.head, head, client, out);
                slow = outcome == Outcome.RATE_LIMITED && engine.farOverBudget(client);
                keepAlive &= !slow;
            }
        } catch (RuntimeException e) {
            log.debug("tracker request failed", e);
            out.clear().position(HttpAnswers.HEAD_ROOM);
            engine.httpInternalError(out);
            keepAlive = false;
        }
        int bodyEnd = out.position();
        int start = HttpAnswers.headBefore(out, HttpAnswers.HEAD_ROOM, bodyEnd - HttpAnswers.HEAD_ROOM, keepAlive);
        ByteBuf response = ctx.alloc().directBuffer(bodyEnd - start);
        response.writeBytes(out.array(), start, bodyEnd - start);
        if (slow && tarpit.get().hold(ctx, response)) {
            closing = true; // anything more it sends is read and dropped; the tarpit answers and closes
            return;
        }
        send(ctx, response, keepAlive);
    }

    private void reply(ChannelHandlerContext ctx, byte[] plain, Outcome outcome) {
        engine.httpOther(outcome);
        send(ctx, Unpooled.wrappedBuffer(plain), false);
    }

    private void send(ChannelHandlerContext ctx, ByteBuf response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            closing = true;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Index just past the blank line ending the head (CRLF CRLF, or a bare LF LF), or -1. */
    private static int headEnd(ByteBuf buf) {
        int from = buf.readerIndex();
        int to = Math.min(buf.writerIndex(), from + Scratch.MAX_HEAD);
        for (int i = buf.indexOf(from, to, (byte) '\n'); i >= 0; i = buf.indexOf(i + 1, to, (byte) '\n')) {
            if (i - from >= 3 && buf.getByte(i - 1) == '\r' && buf.getByte(i - 2) == '\n' && buf.getByte(i - 3) == '\r') {
                return i + 1;
            }
            if (i - from >= 1 && buf.getByte(i - 1) == '\n') {
                return i + 1;
            }
        }
        return -1;
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
