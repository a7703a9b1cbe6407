package org.seedcast.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.seedcast.node.FileDescriptors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web app's own settings. The data directory (where multipart parts in flight are spooled, in
 * {@code multipart/}) and the upload limit are storage's ({@code StorageProperties}).
 *
 * @param signIn  how many failed sign-ins are allowed before further attempts are refused unchecked
 * @param metrics who may read {@code /actuator/prometheus} without signing in
 * @param webLimits what one client address may ask of the web app
 * @param web       the web port's connections
 */
@ConfigurationProperties("seedcast")
record WebProperties(@DefaultValue SignIn signIn, @DefaultValue Metrics metrics, @DefaultValue Limits webLimits,
                     @DefaultValue Connections web) {

    /**
     * A leaky bucket per user name and per address: each failure adds one, one drains every
     * {@code forgiveOneEvery}; at the maximum, attempts are refused (429, or a message on the
     * sign-in page) before any password is checked.
     *
     * @param maxFailuresPerUser    failures one user name may collect, from any address
     * @param maxFailuresPerAddress failures one client address may collect, for any user names
     * @param forgiveOneEvery       how often one failure is forgotten
     */
    record SignIn(@DefaultValue("10") int maxFailuresPerUser, @DefaultValue("30") int maxFailuresPerAddress,
                  @DefaultValue("1m") Duration forgiveOneEvery) {
    }

    /**
     * @param allowed {@code SEEDCAST_METRICS_ALLOWED}: addresses or CIDRs that may scrape
     *                {@code /actuator/prometheus} anonymously (loopback by default); anyone else needs an admin's credentials
     */
    record Metrics(@DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowed) {
    }

    /**
     * Per client address (after the forward-headers strategy, if one is set), for pages, feeds,
     * the API and uploads; static assets and the web seed are not counted. Beyond either limit a
     * request gets 429 with {@code Retry-After} before it costs anything.
     *
     * @param requestsPerSecond {@code SEEDCAST_WEB_LIMITS_REQUESTS_PER_SECOND}: the sustained rate (0: no limits at all);
     *                          a person reading pages asks for a few a second, a feed reader one a minute
     * @param burst             requests an address may make at once after being quiet, a browser's page with its scripts included
     * @param inProgress        requests of one address being served at the same time (each holds one of Tomcat's threads)
     * @param exempt            {@code SEEDCAST_WEB_LIMITS_EXEMPT}: addresses or CIDRs without limits (a monitor, a proxy
     *                          that does not forward client addresses)
     */
    record Limits(@DefaultValue("20") int requestsPerSecond, @DefaultValue("100") int burst,
                  @DefaultValue("16") int inProgress, List<String> exempt) {

        Limits {
            exempt = exempt == null ? List.of() : exempt;
            if (requestsPerSecond < 0 || burst < 1 || inProgress < 1) {
                throw new IllegalArgumentException("seedcast.web-limits: requests-per-second must not be negative, burst and in-progress positive");
            }
        }
    }

    /**
     * The web port's own connection limits, as the tracker and the seed have theirs: no address can
     * hold the port with idle or slow connections, with or without a proxy in front. Tomcat's
     * {@code server.tomcat.max-connections} is not used: these bound the port instead.
     *
     * @param maxConnections           {@code SEEDCAST_WEB_MAX_CONNECTIONS}: open connections at most; 0 (the
     *                                 default): as many as a quarter of the heap holds (see
     *                                 {@link #HEAP_PER_CONNECTION}; 5,461 at {@code -Xmx512m}) and a quarter
     *                                 of the process's file descriptors, at most 8,192. At
     *                                 capacity the connection that has waited longest for a request head (a
     *                                 fresh one, or one kept alive between requests) is closed for the
     *                                 newcomer; only when every connection is being served does a newcomer
     *                                 wait in the kernel's queue, as with Tomcat's own limit
     * @param maxConnectionsPerAddress {@code SEEDCAST_WEB_MAX_CONNECTIONS_PER_ADDRESS}: open connections per
     *                                 client address (IPv6: per /64); one beyond is closed at once. A browser
     *                                 opens 6 to 8 per site; 64 leaves room for a household or office behind
     *                                 one address, while filling the port takes {@code max-connections / 64}
     *                                 addresses (and even then newcomers are served: idle ones are shed)
     * @param headTimeout              {@code SEEDCAST_WEB_HEAD_TIMEOUT}: a request head must be complete this
     *                                 long after the connection opened, or after the answer before it on a
     *                                 kept connection (so it is also how long an idle kept connection stays);
     *                                 bytes trickling in do not extend it. Bodies are not bounded by it:
     *                                 {@code server.tomcat.connection-timeout} bounds the wait for each of
     *                                 their bytes
     * @param proxies                  {@code SEEDCAST_WEB_PROXIES}: addresses or CIDRs of proxies in front of
     *                                 the web port (loopback and private networks by default, the networks
     *                                 Tomcat trusts as internal proxies). Their connections carry many
     *                                 clients' requests, so they are not limited per address; the total and
     *                                 the head deadline still apply. {@code none}: every address is limited
     *                                 (an environment variable set empty keeps the default)
     */
    record Connections(@DefaultValue("0") int maxConnections, @DefaultValue("64") int maxConnectionsPerAddress,
                       @DefaultValue("10s") Duration headTimeout,
                       @DefaultValue({"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                               "169.254.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10"}) List<String> proxies) {

        /**
         * The heap a web connection holds while its head comes in: its socket's read and write
         * buffers and their wrappers (about 19 KiB measured). The head is read into those buffers
         * until it is complete (GuardedEndpoint); were Tomcat's processor given it at its first byte,
         * as Tomcat does, it would hold about 60 KiB.
         */
        static final long HEAP_PER_CONNECTION = 24 * 1024;
        private static final int MOST_CONNECTIONS = 8192;

        Connections {
            proxies = proxies == null ? List.of() : proxies.stream().filter(p -> !p.isBlank() && !p.equals("none")).toList();
            if (maxConnections < 0 || maxConnectionsPerAddress < 1 || !headTimeout.isPositive()) {
                throw new IllegalArgumentException("seedcast.web: max-connections must not be negative, "
                        + "max-connections-per-address and head-timeout must be positive");
            }
            if (maxConnections == 0) {
                maxConnections = sized(Runtime.getRuntime().maxMemory(), FileDescriptors.limit());
            }
        }

        /**
         * As many connections as a quarter of this heap holds mid-head and a quarter of these file
         * descriptors (the tracker's HTTP listener takes another quarter), between 64 and 8,192.
         */
        static int sized(long maxHeap, long descriptors) {
            return (int) Math.clamp(Math.min(maxHeap / 4 / HEAP_PER_CONNECTION, descriptors / 4), 64, MOST_CONNECTIONS);
        }

        /** The heap this many connections may hold at once, all of them mid-head. */
        long heapAtCapacity() {
            return maxConnections * HEAP_PER_CONNECTION;
        }

        /** What to tell an operator whose bound could fill more than half of this heap with slow connections. */
        Optional<String> heapWarning(long maxHeap) {
            return heapAtCapacity() <= maxHeap / 2 ? Optional.empty()
                    : Optional.of("seedcast.web.max-connections=" + maxConnections + ": that many slow connections could "
                            + "hold " + (heapAtCapacity() >> 20) + " MiB, more than half of the " + (maxHeap >> 20)
                            + " MiB heap; unset, it is sized to the heap");
        }
    }
}
