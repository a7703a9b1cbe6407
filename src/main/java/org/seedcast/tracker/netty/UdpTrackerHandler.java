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
            int length = Math.min(content.readableBytes(), in.capacity());
            content.getBytes(content.readerIndex(), in.array(), 0, length);
            in.clear().limit(length);
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

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("UDP tracker channel error", cause); // a UDP channel stays open: nothing to close
    }
}
