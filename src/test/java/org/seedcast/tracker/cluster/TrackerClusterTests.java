package org.seedcast.tracker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;
import org.seedcast.tracker.swarm.SeedPeer;
import org.seedcast.tracker.swarm.SwarmCaps;
import org.seedcast.tracker.swarm.SwarmStore;

/** Two Hazelcast members in this JVM, on loopback and ephemeral ports, each with its own swarms. */
@BesideTheSuite
class TrackerClusterTests {

    private static final HashKey HASH = new HashKey(1, 2, 3);

    private static TrackerCluster first;
    private static TrackerCluster second;
    private static final SwarmStore firstSwarms = store();
    private static final SwarmStore secondSwarms = store();
    /** Budgets of 10 requests that never refill: the clock stands still. */
    private static final RateLimiter firstLimiter = new RateLimiter(1, 10, 4096, () -> 0L, true);
    private static final RateLimiter secondLimiter = new RateLimiter(1, 10, 4096, () -> 0L, true);

    @BeforeAll
    static void startTwoMembers() {
        // the first member names no other (port 0 answers nobody) and forms the cluster; the second joins it
        first = TrackerCluster.join(List.of("127.0.0.1:0"), 0, Duration.ZERO);
        second = TrackerCluster.join(List.of("127.0.0.1:" + first.port()), 0, Duration.ZERO);
        first.replicate(firstSwarms, firstLimiter);
        second.replicate(secondSwarms, secondLimiter);
    }

    @AfterAll
    static void stopMembers() {
        second.close();
        first.close();
    }

    private static SwarmStore store() {
        return new SwarmStore(3600, SwarmStore.monotonicSeconds(), SwarmCaps.DEFAULTS, SeedPeer.NONE, true);
    }

    private static SelectedPeers announce(SwarmStore swarms, Endpoint peer, Event event) {
        SelectedPeers out = new SelectedPeers(50);
        swarms.announce(new AnnounceRequest(HASH, 0, 0, 0, 5, event, peer.port(), 50, true, null), peer, 50,
                true, false, out, new SplittableRandom(1));
        return out;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            Thread.sleep(10); // polling a condition, not waiting for a guessed duration
        }
    }

    @Test
    void aMemberListensOnlyOnTheAddressTheListNamesForIt() throws IOException {
        try (Socket listed = new Socket(InetAddress.getByName("127.0.0.1"), first.port())) {
            assertThat(listed.isConnected()).isTrue();
        }
        // another address of this machine (all of 127/8 is loopback on Linux), which the list does not name
        assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.2"), first.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    /**
     * A member speaks to members only. Hazelcast's member port also takes its clients by default, and a
     * client that knows the cluster's name (in this source) could read the shared connection-id key or
     * publish peers to every member; it is refused before it learns anything.
     */
    @Test
    void aHazelcastClientIsRefused() {
        ClientConfig client = new ClientConfig();
        client.setClusterName("seedcast-tracker");
        client.setProperty("hazelcast.logging.type", "slf4j");
        client.getNetworkConfig().addAddress("127.0.0.1:" + first.port());
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
        assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unable to connect");
        assertThat(first.members()).as("the members are still there").isGreaterThanOrEqualTo(2);
    }

    @Test
    void membersSeeEachOther() {
        assertThat(first.members()).as("a member joining later may be there too").isGreaterThanOrEqualTo(2);
        assertThat(second.members()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void peersAnnouncingToDifferentMembersReceiveEachOther() throws InterruptedException {
        Endpoint fanOfFirst = Endpoint.ipv4(0x0A000001, 6881);
        Endpoint fanOfSecond = Endpoint.ipv4(0x0A000002, 6881);
        announce(firstSwarms, fanOfFirst, Event.STARTED);
        await(() -> announce(secondSwarms, fanOfSecond, Event.NONE).v4Count == 1);
        await(() -> announce(firstSwarms, fanOfFirst, Event.NONE).v4Count == 1);

        announce(firstSwarms, fanOfFirst, Event.STOPPED);
        await(() -> announce(secondSwarms, fanOfSecond, Event.NONE).v4Count == 0);
        assertThat(first.replicationCounts().sent()).isPositive();
        assertThat(second.replicationCounts().received()).isPositive();
    }

    @Test
    void aMemberThatJoinsLaterGetsThePeersTheOthersHold() throws InterruptedException {
        HashKey hash = new HashKey(4, 5, 6);
        Endpoint fan = Endpoint.ipv4(0x0A000004, 6881);
        firstSwarms.announce(new AnnounceRequest(hash, 0, 0, 0, 0, Event.STARTED, fan.port(), 50, true, null), fan,
                50, true, false, new SelectedPeers(50), new SplittableRandom(1));
        SwarmStore lateSwarms = store();
        try (TrackerCluster late = TrackerCluster.join(List.of("127.0.0.1:" + first.port()), 0, Duration.ZERO)) {
            late.replicate(lateSwarms, new RateLimiter(1, 10, 4096, () -> 0L, true));
            await(() -> lateSwarms.snapshot(hash).map(s -> s.seeders() == 1).orElse(false));
        }
    }

    @Test
    void anAddressFloodingOneMemberIsOverItsBudgetOnTheOtherToo() throws InterruptedException {
        long flooder = Endpoint.ipv4(0x0A000009, 1).addressKey();
        for (int i = 0; i < 30; i++) {
            firstLimiter.acquire(flooder);
        }
        assertThat(firstLimiter.farOver(flooder)).isTrue();
        await(() -> secondLimiter.farOver(flooder));
        assertThat(secondLimiter.acquire(flooder)).isNotEqualTo(RateLimiter.Decision.ALLOW);
    }

    @Test
    void aConnectionIdIssuedByOneMemberIsValidOnTheOther() {
        byte[] firstKey = new byte[16];
        byte[] secondKey = new byte[16];
        firstKey[0] = 1;
        secondKey[0] = 2;
        ConnectionIds onFirst = ConnectionIds.of(first.sharedConnectionKey(firstKey), 300);
        ConnectionIds onSecond = ConnectionIds.of(second.sharedConnectionKey(secondKey), 300);
        Endpoint client = Endpoint.ipv4(0x0A000003, 6881);
        assertThat(onSecond.valid(onFirst.issue(client), client)).isTrue();
        assertThat(onFirst.valid(onSecond.issue(client), client)).isTrue();
    }

    @Test
    void standaloneStartsNoMemberAndKeepsItsOwnKey() {
        byte[] key = new byte[16];
        assertThat(TrackerCluster.STANDALONE.clustered()).isFalse();
        assertThat(TrackerCluster.STANDALONE.members()).isEqualTo(1);
        assertThat(TrackerCluster.STANDALONE.sharedConnectionKey(key)).isSameAs(key);
    }
}
