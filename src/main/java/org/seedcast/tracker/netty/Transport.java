package org.seedcast.tracker.netty;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The I/O layer under the tracker's listeners. HTTP runs on io_uring where the kernel allows it,
 * driven by {@link RingHttpListener} (Netty binds the listening socket; accepts, reads, writes and
 * closes are queued in the event loop's ring, with no Netty channel per connection); elsewhere on
 * Netty's epoll or NIO channels with {@link HttpTrackerHandler}. UDP stays on epoll, whose
 * {@code recvmmsg} reads 32 datagrams per system call, which Netty's io_uring datagram channel has
 * no counterpart for, so the datagram channel is epoll's or NIO's ({@code TrackerServer.bindUdp}).
 */
enum Transport {
    /** Linux io_uring: accepts, reads, writes and closes queued in a ring, few system calls; HTTP only. */
    IO_URING {
        @Override boolean available() { return IoUring.isAvailable(); }
        @Override IoHandlerFactory handlers() { return IoUringIoHandler.newFactory(); }
        @Override Class<? extends ServerChannel> serverChannel() { return IoUringServerSocketChannel.class; }
        @Override ChannelOption<Integer> deferAccept() { return IoUringChannelOption.TCP_DEFER_ACCEPT; }
    },
    /** Linux epoll. */
    EPOLL {
        @Override boolean available() { return Epoll.isAvailable(); }
        @Override IoHandlerFactory handlers() { return EpollIoHandler.newFactory(); }
        @Override Class<? extends ServerChannel> serverChannel() { return EpollServerSocketChannel.class; }
        @Override ChannelOption<Integer> deferAccept() { return EpollChannelOption.TCP_DEFER_ACCEPT; }
    },
    /** The JDK's selectors, everywhere. */
    NIO {
        @Override boolean available() { return true; }
        @Override IoHandlerFactory handlers() { return NioIoHandler.newFactory(); }
        @Override Class<? extends ServerChannel> serverChannel() { return NioServerSocketChannel.class; }
        @Override ChannelOption<Integer> deferAccept() { return null; }
    };

    abstract boolean available();

    abstract IoHandlerFactory handlers();

    abstract Class<? extends ServerChannel> serverChannel();

    /** {@code TCP_DEFER_ACCEPT} on this transport's listening sockets; null where it has none. */
    abstract ChannelOption<Integer> deferAccept();

    /** Event loops of this transport, on daemon threads named after {@code name}. */
    EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), handlers());
    }

    /** A native Linux transport: SO_REUSEPORT listeners per event loop, no separate acceptor. */
    boolean linux() {
        return this != NIO;
    }
}
