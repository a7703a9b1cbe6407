package org.seedcast.tracker;

import java.time.Duration;
import java.util.List;

import org.seedcast.tracker.engine.TrackerSettings;
import org.seedcast.tracker.engine.TrackerSettings.UdpRefusal;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.netty.ListenerSettings;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The tracker's settings, {@code seedcast.tracker.*} (environment: {@code SEEDCAST_TRACKER_*}), and
 * the one place of their defaults: the plain-Java engine and listeners get theirs from here
 * ({@link #engineSettings()}, {@link #listenerSettings(int)}). The host and port torrents name,
 * {@code seedcast.tracker.host} and {@code .port}, are publishing's ({@code TrackerAddress}): it
 * writes them into every torrent, and the listeners bind that port.
 *
 * @param enabled                  start the listeners with the application (tests turn it off)
 * @param bindAddress              address the listeners bind; blank for all
 * @param publisher                named in refusals: "this tracker only serves {publisher}'s torrents"
 * @param interval                 re-announce interval sent to peers of published torrents
 * @param minInterval              {@code min interval} sent with it
 * @param intervalJitter           up to this much is added to each interval, spreading announces
 * @param refusalInterval          interval and min interval sent with refusals of foreign torrents (≥ 2 h)
 * @param blockedInterval          interval for blocked torrents and banned addresses (longer still)
 * @param rateLimit                requests per second allowed per address (IPv6: per /64)
 * @param rateLimitedInterval      interval for answers to addresses over their budget
 * @param udpRefusal               {@code empty-reply} (a valid announce reply without peers: clients
 *                                 go quiet) or {@code error} (BEP 15 error packet with the message)
 * @param numwant                  peers per answer when the client does not say
 * @param maxPeers                 peers per answer at most (UDP further caps 200 IPv4, 66 IPv6)
 * @param rateLimitBurst           burst allowed above that rate
 * @param rateLimitExempt          addresses or CIDRs without per-address limits
 * @param trustedProxies           CIDRs whose {@code X-Forwarded-For} is believed
 * @param maxConnections           open HTTP connections at most; at capacity the one that has waited
 *                                 longest for its request head is closed for a newcomer. 0: a quarter
 *                                 of the process's file descriptors, at most 16,384 per HTTP event loop
 *                                 ({@code ListenerSettings.defaultMaxConnections} says why)
 * @param maxConnectionsPerAddress open HTTP connections per address. A carrier-grade NAT puts hundreds
 *                                 of subscribers behind one address, each announce holding a connection
 *                                 for a round trip or two: 64 at once is far more than such an address
 *                                 needs, while an attacker needs {@code max-connections / 64} addresses
 *                                 to fill the listener (and even then newcomers are served: the oldest
 *                                 waiting connection is shed)
 * @param idleTimeout              idle HTTP connections are closed after this
 * @param tarpit                   answers to HTTP requests from addresses far over their budget are
 *                                 held this long before they are sent (a flooding client slows
 *                                 itself down); 0 sends them at once
 * @param unknownTorrentsCapacity  foreign hashes remembered at most
 * @param flushInterval            how often counts and sightings are written to the database
 * @param threads                  event-loop threads; 0 for one per core
 * @param httpThreads              event-loop threads of HTTP's own when it runs on io_uring; 0 for
 *                                 half the cores, at least two
 * @param udpSockets               UDP sockets sharing the port ({@code SO_REUSEPORT}, epoll only). The
 *                                 kernel picks a socket by a hash of the sender's address and port, so
 *                                 a flooding sender fills one socket's queue, and only the peers hashed
 *                                 to the same socket wait behind it
 * @param udpReceiveBuffer         each UDP socket's receive queue ({@code SO_RCVBUF}; the kernel caps
 *                                 it at {@code net.core.rmem_max}): larger queues ride out longer
 *                                 pauses of the JVM (the flooder's socket fills while the event loops
 *                                 stand still, and a small queue then drops the datagrams of the
 *                                 peers that share it), smaller ones delay less behind a flood
 * @param ioUring                  HTTP over Linux io_uring where the kernel offers it (fewer system
 *                                 calls per connection); {@code false} keeps HTTP on epoll. UDP
 *                                 always uses epoll, whose {@code recvmmsg} reads many datagrams per call
 * @param headTimeout              an HTTP request head must be complete this long after the connection
 *                                 opened (or after the previous answer on a kept connection); bytes
 *                                 trickling in do not extend it, so a slowloris client holds a
 *                                 connection this long at most. A tracker client sends its whole head
 *                                 (under 1 KiB) in one segment right after connecting, and the listening
 *                                 socket wakes up only once it has arrived ({@code TCP_DEFER_ACCEPT}): a
 *                                 legitimate head completes within a round trip, and 5 s leaves room for
 *                                 a lossy mobile link retransmitting twice
 * @param maxPeersPerSwarm         peers one swarm holds at most; a newcomer beyond is answered but not
 *                                 listed to others (those already there are never pushed out)
 * @param maxPortsPerAddress       peers one address (IPv6: one /64) holds in one swarm, on as many ports
 * @param maxPeersTotal            peers all swarms hold together, which bounds their heap (about 45 bytes
 *                                 an IPv4 peer, 85 an IPv6 one, the last {@code downloaded} figure
 *                                 each peer reported included)
 * @param reconcileInterval        how often the access list is compared with the published torrents
 *                                 in the database, healing a missed publish or withdraw event
 */
@ConfigurationProperties("seedcast.tracker")
public record TrackerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String bindAddress,
        @DefaultValue("Seedcast") String publisher,
        @DefaultValue("30m") Duration interval,
        @DefaultValue("5m") Duration minInterval,
        @DefaultValue("2m") Duration intervalJitter,
        @DefaultValue("2h") Duration refusalInterval,
        @DefaultValue("24h") Duration blockedInterval,
        @DefaultValue("1h") Duration rateLimitedInterval,
        @DefaultValue("empty-reply") UdpRefusal udpRefusal,
        @DefaultValue("50") int numwant,
        @DefaultValue("200") int maxPeers,
        @DefaultValue("20") double rateLimit,
        @DefaultValue("200") int rateLimitBurst,
        List<String> rateLimitExempt,
        List<String> trustedProxies,
        @DefaultValue("64") int maxConnectionsPerAddress,
        @DefaultValue("10s") Duration idleTimeout,
        @DefaultValue("1s") Duration tarpit,
        @DefaultValue("10000") int unknownTorrentsCapacity,
        @DefaultValue("30s") Duration flushInterval,
        @DefaultValue("0") int threads,
        @DefaultValue("0") int httpThreads,
        @DefaultValue("64") int udpSockets,
        @DefaultValue("4MB") DataSize udpReceiveBuffer,
        @DefaultValue("true") boolean ioUring,
        @DefaultValue("5s") Duration headTimeout,
        @DefaultValue("0") int maxConnections,
        @DefaultValue("1m") Duration reconcileInterval,
        @DefaultValue("" + SwarmCaps.PER_SWARM) int maxPeersPerSwarm,
        @DefaultValue("" + SwarmCaps.PER_ADDRESS) int maxPortsPerAddress,
        @DefaultValue("" + SwarmCaps.TOTAL) int maxPeersTotal) {

    public TrackerProperties {
        rateLimitExempt = nonBlank(rateLimitExempt);
        trustedProxies = nonBlank(trustedProxies);
        if (refusalInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("seedcast.tracker.refusal-interval must not be shorter than interval");
        }
        if (tarpit.isNegative() || tarpit.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("seedcast.tracker.tarpit must be between 0 and idle-timeout");
        }
        if (!headTimeout.isPositive()) {
            throw new IllegalArgumentException("seedcast.tracker.head-timeout must be positive");
        }
        if (maxConnections < 0 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("seedcast.tracker.max-connections must not be negative "
                    + "and max-connections-per-address must be at least 1");
        }
        if (threads < 0 || httpThreads < 0) {
            throw new IllegalArgumentException("seedcast.tracker.threads and http-threads must not be negative");
        }
        if (udpSockets < 1 || udpSockets > 1024) {
            throw new IllegalArgumentException("seedcast.tracker.udp-sockets must be between 1 and 1024");
        }
        if (udpReceiveBuffer.toBytes() < 16 * 1024 || udpReceiveBuffer.toBytes() > 256L * 1024 * 1024) {
            throw new IllegalArgumentException("seedcast.tracker.udp-receive-buffer must be between 16KB and 256MB");
        }
        if (maxPeersPerSwarm < 1 || maxPortsPerAddress < 1 || maxPeersTotal < maxPeersPerSwarm) {
            throw new IllegalArgumentException("seedcast.tracker.max-peers-per-swarm and max-ports-per-address must be"
                    + " positive, and max-peers-total at least max-peers-per-swarm");
        }
        if (reconcileInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("seedcast.tracker.reconcile-interval must be at least 1s");
        }
        if (numwant < 0 || maxPeers < 1 || numwant > maxPeers) {
            throw new IllegalArgumentException("seedcast.tracker.numwant must be between 0 and max-peers");
        }
    }

    /** The engine's settings: times in whole seconds, networks parsed. */
    public TrackerSettings engineSettings() {
        return TrackerSettings.builder()
                .publisher(publisher)
                .interval(seconds(interval))
                .minInterval(seconds(minInterval))
                .jitter(seconds(intervalJitter))
                .refusalInterval(seconds(refusalInterval))
                .blockedInterval(seconds(blockedInterval))
                .rateLimitedInterval(seconds(rateLimitedInterval))
                .defaultNumWant(numwant)
                .maxNumWant(maxPeers)
                .udpRefusal(udpRefusal)
                .rateLimitExempt(NetworkSet.parse(rateLimitExempt))
                .trustedProxies(NetworkSet.parse(trustedProxies))
                .build();
    }

    /** The listeners' settings, on {@code port} ({@code seedcast.tracker.port}, publishing's). */
    public ListenerSettings listenerSettings(int port) {
        return ListenerSettings.builder()
                .bindAddress(bindAddress)
                .port(port)
                .threads(threads)
                .httpThreads(httpThreads)
                .ioUring(ioUring)
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .headTimeout(headTimeout)
                .idleTimeout(idleTimeout)
                .tarpit(tarpit)
                .maxPeers(maxPeers)
                .udpSockets(udpSockets)
                .udpReceiveBuffer((int) udpReceiveBuffer.toBytes())
                .build();
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).map(String::strip).toList();
    }
}
