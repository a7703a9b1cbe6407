/**
 * The tracker's Netty listeners: HTTP and UDP on one port, on the tracker's own event loops (HTTP on
 * io_uring, UDP on epoll with SO_REUSEPORT where available, else epoll or NIO), answering from the
 * I/O thread without blocking.
 */
package org.seedcast.tracker.netty;
