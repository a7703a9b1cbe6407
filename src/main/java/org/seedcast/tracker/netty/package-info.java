/**
 * The tracker's listeners: HTTP and UDP on one port, on the tracker's own Netty event loops,
 * answering from the I/O thread without blocking. HTTP runs behind one {@code HttpListener}: on
 * io_uring where available, driven connection by connection by {@code RingHttpListener} without a
 * Netty channel each, else on Netty's epoll or NIO channels; UDP runs on epoll with SO_REUSEPORT,
 * else NIO.
 */
package org.seedcast.tracker.netty;
