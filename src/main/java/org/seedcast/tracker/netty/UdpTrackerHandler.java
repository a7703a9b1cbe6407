package org.seedcast.tracker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.protocol.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEP 15 over one UDP channel: each datagram is answered from the receiving thread, replies are
 * flushed together at the end of a read batch. Garbage is dropped, never thrown.
 */
@ChannelHandler.Sharable
final class UdpTrackerHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(UdpTrackerHandler.class);

    private final TrackerEngine engine;
    private final FastThreadLocal<Scratch> scratch;

    UdpTrackerHandler(TrackerEngine engine, FastThreadLocal<Scratch> scratch) {
        this.engine = engine;
        this.scratch = scratch;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        try {
            ByteBuf content = packet.content();
            Scratch s = scratch.get();
            ByteBuffer in = s.datagram;
            in.clear().limit(copy(content, in));
            ByteBuffer out = s.out;
            out.clear();
            if (engine.udp(in, Endpoint.of(packet.sender()), out, s.peers)) {
                ByteBuf reply = ctx.alloc().directBuffer(out.position());
                reply.writeBytes(out.array(), 0, out.position());
                ctx.write(new DatagramPacket(reply, packet.sender()), ctx.voidPromise());
            }
        } catch (RuntimeException e) {
            log.debug("dropped a UDP packet from {}", packet.sender(), e);
        }
    }

    /**
     * Copies a datagram into {@code to} eight bytes at a time: Netty without {@code sun.misc.Unsafe}
     * (its default on Java 24 and later) allocates a buffer view for a bulk copy out of a direct buffer.
     *
     * @return the bytes copied
     */
    static int copy(ByteBuf from, ByteBuffer to) {
        int start = from.readerIndex();
        int length = Math.min(from.readableBytes(), to.capacity());
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            to.putLong(i, from.getLong(start + i));
        }
        for (; i < length; i++) {
            to.put(i, from.getByte(start + i));
        }
        return length;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("UDP tracker channel error", cause); // a UDP channel stays open: nothing to close
    }
}
