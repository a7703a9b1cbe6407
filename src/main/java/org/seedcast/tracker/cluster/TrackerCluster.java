package org.seedcast.tracker.cluster;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.List;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.swarm.SwarmStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of the tracker cluster: an embedded Hazelcast member found by the other
 * members through the listed addresses (TCP/IP join; no multicast, no discovery plug-in), or
 * nothing at all when standalone. Hazelcast owns membership, failure detection and messaging; the
 * tracker only uses a map (the shared connection-id key) and two topics ({@link Replication}).
 * Every call that waits on the network happens at start or on the replication's own thread, never
 * on an event loop.
 */
public final class TrackerCluster implements AutoCloseable {

    /** No cluster: the tracker keeps everything to itself, as a single node always did. */
    public static final TrackerCluster STANDALONE = new TrackerCluster(null);

    private static final Logger log = LoggerFactory.getLogger(TrackerCluster.class);
    private static final String NAME = "seedcast-tracker";
    private static final String KEYS = "seedcast-tracker-keys";
    private static final String CONNECTION_ID_KEY = "connection-id";

    private final HazelcastInstance hazelcast;
    private Replication replication;

    private TrackerCluster(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /**
     * Starts this node's member and joins the others (or forms the cluster when none answers).
     *
     * @param members  {@code host:port} of the members, this one's included
     * @param port     this member's port; 0 for any free one (tests)
     * @param joinWait how long to look for the others before forming a cluster alone
     */
    public static TrackerCluster join(List<String> members, int port, Duration joinWait) {
        Config config = new Config();
        config.setClusterName(NAME);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // the application closes the member when it stops, after the tracker's last flush
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", Long.toString(joinWait.toSeconds()));
        // members do not authenticate each other (community edition): listen only on the address of
        // the list that is this member's own, never on every interface (Hazelcast's default)
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a member endpoint and no other: Hazelcast's one port otherwise also takes its clients, and a
        // client that knows the cluster's name could read the connection-id key or publish peers
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        network.setMemberEndpointConfig(new ServerSocketEndpointConfig().setPort(port).setPortAutoIncrement(false));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // a starting member asks the listed ones for a master this long before it claims the role itself
        join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(
                (int) Math.max(1, joinWait.toSeconds()));
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
        log.info("tracker cluster member {} of {}", instance.getCluster().getLocalMember().getAddress(),
                instance.getCluster().getMembers().size());
        return new TrackerCluster(instance);
    }

    public boolean clustered() {
        return hazelcast != null;
    }

    /** This member's Hazelcast port; 0 standalone. */
    public int port() {
        return hazelcast == null ? 0 : hazelcast.getCluster().getLocalMember().getAddress().getPort();
    }

    /** Members of the cluster this node sees, itself included; 1 standalone. */
    public int members() {
        return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
    }

    /**
     * The connection-id key every member uses: the first member's to offer one, so an id one node
     * issued is valid on all. Standalone, {@code local} itself. Blocks on the cluster: call at start.
     */
    public byte[] sharedConnectionKey(byte[] local) {
        if (hazelcast == null) {
            return local;
        }
        IMap<String, byte[]> keys = hazelcast.getMap(KEYS);
        byte[] shared = keys.putIfAbsent(CONNECTION_ID_KEY, local);
        return shared == null ? local : shared;
    }

    /**
     * Starts passing {@code swarms}' peer changes and {@code limiter}'s heavy spenders to the other
     * members, and theirs into them; standalone, nothing. The limiter must be made shared.
     */
    public synchronized void replicate(SwarmStore swarms, RateLimiter limiter) {
        if (hazelcast != null && replication == null) {
            hazelcast.getUserContext().put(PeerSnapshot.SWARMS, swarms);
            replication = new Replication(hazelcast.getTopic(NAME), hazelcast.getTopic(NAME + "-spending"), swarms,
                    limiter);
            replication.start();
            askForPeers(); // after listening, so no change falls between the snapshot and the topic
        }
    }

    /**
     * Asks the oldest other member for the peers it holds; they arrive in the background. Changes
     * that cross them are harmless: a join applied twice is one peer, and a peer that stopped
     * meanwhile expires like any silent one.
     */
    private void askForPeers() {
        hazelcast.getCluster().getMembers().stream().filter(m -> !m.localMember()).findFirst().ifPresent(oldest ->
                hazelcast.getExecutorService(PeerSnapshot.EXECUTOR).executeOnMember(
                        new PeerSnapshot.Request(hazelcast.getCluster().getLocalMember().getUuid()), oldest));
    }

    /** Sends what is left and stops the replication; the member stays until {@link #close}. */
    public synchronized void stopReplication() {
        if (replication != null) {
            replication.stop();
            replication = null;
        }
    }

    /** Changes sent, received, and dropped because a shard's log was full (0 each standalone). */
    public synchronized ReplicationCounts replicationCounts() {
        return replication == null ? new ReplicationCounts(0, 0, 0) : replication.counts();
    }

    @Override
    public void close() {
        stopReplication();
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
    }
}
