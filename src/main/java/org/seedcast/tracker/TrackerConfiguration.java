package org.seedcast.tracker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.time.Clock;
import org.seedcast.database.Notifications;
import org.seedcast.node.NodeProperties;
import org.seedcast.node.NodeRole;
import org.seedcast.publishing.AdvertisedSeed;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TrackerAddress;
import org.seedcast.storage.StorageProperties;
import org.seedcast.tracker.cluster.TrackerCluster;
import org.seedcast.tracker.engine.Housekeeper;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.engine.TrafficHistory;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.netty.TrackerServer;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.store.JdbcTrackerStore;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.UnknownTorrents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the plain-Java tracker into the application. Only this class, the lifecycle and the event
 * listener know Spring; the request path never goes through a Spring bean proxy.
 */
@Configuration(proxyBeanMethods = false)
class TrackerConfiguration {

    /** Connection ids stay valid for 5 minutes: BEP 15 asks 2, uTorrent reuses ids about 5 minutes old. */
    private static final int CONNECTION_ID_SECONDS = 300;
    private static final String CONNECTION_ID_KEY_FILE = "connection-id.key";
    private static final Logger log = LoggerFactory.getLogger(TrackerConfiguration.class);
    /** Blocks or bans changed; the payload is empty, as every node reloads both. */
    static final String GUARD_TOPIC = "tracker_guard";

    @Bean
    AccessList trackerAccessList() {
        return new AccessList();
    }

    /** Bans lapse by the application's clock, the one that stamps them ({@link Tracker#ban}). */
    @Bean
    Bans trackerBans(Clock clock) {
        return new Bans(clock::millis);
    }

    /**
     * This node's member of the tracker cluster, started here (before the engine, which needs the
     * cluster's connection-id key) and closed with the application; standalone without members.
     */
    @Bean(destroyMethod = "close")
    TrackerCluster trackerCluster(ClusterProperties p) {
        return p.members().isEmpty() ? TrackerCluster.STANDALONE
                : TrackerCluster.join(p.members(), p.port(), p.joinWait());
    }

    @Bean
    SwarmStore trackerSwarmStore(TrackerProperties p, ObjectProvider<AdvertisedSeed> seed, TrackerCluster cluster) {
        // peers expire after about two intervals (with the jitter), as clients re-announce once per interval
        int timeout = (int) (2 * p.interval().toSeconds() + p.intervalJitter().toSeconds() + 60);
        return new SwarmStore(timeout, SwarmStore.monotonicSeconds(),
                new SwarmCaps(p.maxPeersPerSwarm(), p.maxPortsPerAddress(), p.maxPeersTotal()),
                seedPeer(seed.getIfAvailable()), cluster.clustered());
    }

    /**
     * The publisher's seed in compact form, from the addresses publishing resolved at start (the
     * same ones its magnets name); none when the seed is off or its host did not resolve, which
     * publishing has logged.
     */
    static SeedPeer seedPeer(AdvertisedSeed seed) {
        if (seed == null || !seed.enabled()) {
            return SeedPeer.NONE;
        }
        Endpoint v4 = null;
        Endpoint v6 = null;
        for (InetSocketAddress address : seed.addresses()) {
            Endpoint e = Endpoint.of(address);
            if (e.ipv6()) {
                v6 = v6 == null ? e : v6;
            } else {
                v4 = v4 == null ? e : v4;
            }
        }
        SeedPeer peer = SeedPeer.of(v4, v6);
        if (peer.listed()) {
            log.info("The tracker lists the publisher's seed, {}, in every published swarm", peer);
        }
        return peer;
    }

    @Bean
    UnknownTorrents trackerUnknownTorrents(TrackerProperties p) {
        return new UnknownTorrents(p.unknownTorrentsCapacity());
    }

    @Bean
    TrackerMetrics trackerMetrics(ObjectProvider<MeterRegistry> registry, SwarmStore swarms, UnknownTorrents unknown,
                                  TrackerCluster cluster) {
        TrackerMetrics metrics = new TrackerMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
        metrics.gauge("seedcast.tracker.swarms", "Active swarms", swarms::swarms);
        metrics.gauge("seedcast.tracker.peers", "Fans in all swarms (the publisher's seed apart)",
                () -> swarms.seeders() + swarms.leechers());
        metrics.gauge("seedcast.tracker.seeders", "Fans seeding, in all swarms (the publisher's seed apart)",
                swarms::seeders);
        metrics.gauge("seedcast.tracker.leechers", "Fans downloading, in all swarms", swarms::leechers);
        metrics.gauge("seedcast.tracker.publisher.seed", "1 when the tracker lists the publisher's seed in every"
                + " published swarm, else 0", () -> swarms.seed().listed() ? 1 : 0);
        metrics.total("seedcast.tracker.fans.downloaded", "Bytes fans reported downloading (growth of their"
                + " announced downloaded figures) since start", swarms::downloadedTotal);
        metrics.total("seedcast.tracker.peers.refused", "New peers not added because a swarm, an address or"
                + " the tracker held its maximum", swarms::refusedPeers);
        metrics.gauge("seedcast.tracker.unknown.hashes", "Foreign info-hashes being tracked for review", unknown::size);
        metrics.total("seedcast.tracker.unknown.lost", "Foreign-torrent announces counted but given up unflushed "
                + "when the bounded table evicted their entry", unknown::lostAnnounces);
        if (cluster.clustered()) {
            metrics.gauge("seedcast.tracker.cluster.members", "Members of the tracker cluster this node sees, itself"
                    + " included", cluster::members);
            metrics.total("seedcast.tracker.cluster.changes.sent", "Peer changes sent to the other members",
                    () -> cluster.replicationCounts().sent());
            metrics.total("seedcast.tracker.cluster.changes.received", "Peer changes received from the other members",
                    () -> cluster.replicationCounts().received());
            metrics.total("seedcast.tracker.cluster.changes.dropped", "Peer changes not sent because a shard logged"
                    + " more between two batches than it holds", () -> cluster.replicationCounts().dropped());
        }
        return metrics;
    }

    @Bean
    TrackerStore trackerStore(ObjectProvider<JdbcClient> jdbc, ObjectProvider<PlatformTransactionManager> transactions,
                              ObjectProvider<Notifications> notifications) {
        JdbcClient client = jdbc.getIfAvailable();
        PlatformTransactionManager manager = transactions.getIfAvailable();
        Notifications others = notifications.getIfAvailable();
        return client == null || manager == null ? TrackerStore.NONE
                : new JdbcTrackerStore(client, new TransactionTemplate(manager),
                        others == null ? () -> { } : () -> others.send(GUARD_TOPIC, ""));
    }

    @Bean
    TrafficHistory trackerTrafficHistory() {
        return new TrafficHistory(60);
    }

    @Bean
    Housekeeper trackerHousekeeper(SwarmStore swarms, UnknownTorrents unknown, TrackerStore store,
                                   TrackerMetrics metrics, TrafficHistory history, Clock clock) {
        return new Housekeeper(swarms, unknown, store, metrics, history, clock);
    }

    @Bean
    RateLimiter trackerRateLimiter(TrackerProperties p, TrackerCluster cluster) {
        // budgets refill with the time that passed, never shown or stored: not the application's
        // clock, which a test may hold still
        return new RateLimiter(p.rateLimit(), p.rateLimitBurst(), 1 << 18, System::currentTimeMillis, cluster.clustered());
    }

    @Bean
    TrackerEngine trackerEngine(TrackerProperties p, SwarmStore swarms, AccessList access, UnknownTorrents unknown,
                                Bans bans, RateLimiter limiter, TrackerMetrics metrics, StorageProperties storage,
                                TrackerCluster cluster, Clock clock) {
        return new TrackerEngine(p.engineSettings(), swarms, access, unknown, bans, limiter,
                connectionIds(storage, cluster), metrics, clock::millis);
    }

    /**
     * UDP connection ids under a key kept in the data directory, so clients keep theirs across a
     * restart; in a cluster, under the key the members share (which this node then keeps), so an id
     * one node issued is valid on every node. A fresh key (clients connect again) if the file cannot
     * be used.
     */
    static ConnectionIds connectionIds(StorageProperties storage, TrackerCluster cluster) {
        Path keyFile = storage.inDataDir("tracker").resolve(CONNECTION_ID_KEY_FILE);
        byte[] key;
        try {
            key = ConnectionIds.key(keyFile);
        } catch (IOException | RuntimeException e) {
            log.warn("UDP connection ids use a new key until restart ({}): clients will connect again", e.toString());
            key = new byte[16];
            new SecureRandom().nextBytes(key);
        }
        byte[] shared = cluster.sharedConnectionKey(key);
        if (!Arrays.equals(shared, key)) {
            try {
                ConnectionIds.replaceKey(keyFile, shared);
            } catch (IOException | RuntimeException e) {
                log.warn("could not keep the cluster's connection-id key in {}: {}", keyFile, e.toString());
            }
        }
        return ConnectionIds.of(shared, CONNECTION_ID_SECONDS);
    }

    @Bean
    TrackerServer trackerServer(TrackerProperties p, TrackerAddress address, TrackerEngine engine) {
        return new TrackerServer(engine, p.listenerSettings(address.port()));
    }

    @Bean
    Tracker tracker(TrackerAddress address, AccessList access, SwarmStore swarms, UnknownTorrents unknown, Bans bans,
                    Housekeeper housekeeper, TrackerStore store, TrafficHistory history, TrackerMetrics metrics,
                    TrackerServer server, Clock clock) {
        return new Tracker(access, swarms, unknown, bans, housekeeper, store, history, metrics, clock,
                () -> server.running() ? server.port() : address.port());
    }

    @Bean
    TrackerEventListener trackerEventListener(Tracker tracker) {
        return new TrackerEventListener(tracker);
    }

    @Bean
    TrackerLifecycle trackerLifecycle(TrackerProperties p, NodeProperties node, TrackerAddress address,
                                      TrackerServer server, Housekeeper housekeeper, TrackerStore store,
                                      Publishing publishing, AccessList access, Bans bans, SwarmStore swarms,
                                      TrackerCluster cluster, RateLimiter limiter,
                                      ObjectProvider<Notifications> notifications) {
        TrackerLifecycle lifecycle = new TrackerLifecycle(p, node.runs(NodeRole.TRACKER), address.port(), server,
                housekeeper, store, publishing::published, access, bans, swarms, cluster, limiter);
        notifications.ifAvailable(n -> n.subscribe(GUARD_TOPIC, lifecycle));
        return lifecycle;
    }
}
