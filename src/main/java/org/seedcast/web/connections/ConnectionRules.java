package org.seedcast.web.connections;

import java.time.Duration;
import java.util.List;

/**
 * The web port's connection limits, as plain values (the application's settings are the web module's
 * {@code WebProperties.Connections}, which says what each means).
 *
 * @param maxConnections           open connections at most; at capacity the one waiting longest for a request head is closed
 * @param maxConnectionsPerAddress open connections per address (IPv6: per /64), except from {@code proxies}
 * @param headTimeout              how long a request head may take, from accept or from the answer before it; trickled bytes do not extend it
 * @param proxies                  addresses or CIDRs whose connections are not limited per address
 */
public record ConnectionRules(int maxConnections, int maxConnectionsPerAddress, Duration headTimeout,
                              List<String> proxies) {

    public ConnectionRules {
        proxies = List.copyOf(proxies);
    }
}
