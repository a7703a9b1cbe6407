/**
 * The tracker's Netty listeners: HTTP and UDP on one port, on the tracker's own event loops (epoll
 * with SO_REUSEPORT where available, else NIO), answering from the I/O thread without blocking.
 */
package org.seedcast.tracker.netty;
