package org.seedcast.tracker.netty;

import java.time.Duration;

/**
 * Where and how the tracker listens.
 *
 * @param bindAddress             address to bind, or blank for all (IPv6 and IPv4 where possible)
 * @param port                    TCP and UDP port; 0 picks a free one (tests)
 * @param threads                 event-loop threads and UDP channels; 0 for one per core
 * @param maxConnectionsPerAddress open HTTP connections allowed per source address
 * @param idleTimeout             an HTTP connection silent this long is closed
 * @param maxPeers                peers per answer at most, to size per-thread buffers
 */
public record ListenerSettings(String bindAddress, int port, int threads, int maxConnectionsPerAddress,
                               Duration idleTimeout, int maxPeers) {

    int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
