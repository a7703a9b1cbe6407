package org.seedcast.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TestRunSetup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tracker cluster of two tracker-only nodes, each in a JVM of its own on the shared application's
 * database, as on two machines: the shared application publishes, both nodes track, and one of
 * them is killed with SIGKILL.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(RunningSeedcast.PROCESS_LOCK) // its two JVMs do not start while the second lane starts one
class TrackerNodesIntegrationTests {

    /** Far longer than a replicated change takes (a batch every 50 ms): only a lost one waits this long. */
    private static final Duration ARRIVES_WITHIN = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    private RunningSeedcast nodeA;
    private RunningSeedcast nodeB;
    private String infoHash;

    @BeforeAll
    void publishAndStartTwoClusteredTrackerNodes(@Autowired JdbcConnectionDetails database) {
        infoHash = JsonPath.read(new Studio(port).publishInNewShow("tracker-nodes", Media.mp4(64 * 1024, 81)),
                "$.infoHash");
        int clusterPortA = TestRunSetup.freePort();
        int clusterPortB = TestRunSetup.freePort();
        String members = "seedcast.cluster.members=127.0.0.1:" + clusterPortA + ",127.0.0.1:" + clusterPortB;
        // both start at once, as the nodes of a cluster do, and form it between them
        nodeA = RunningSeedcast.launchProcess(trackerNode(database, "a", members, clusterPortA));
        nodeB = RunningSeedcast.launchProcess(trackerNode(database, "b", members, clusterPortB));
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    private static RunningSeedcast.Settings trackerNode(JdbcConnectionDetails database, String name, String members,
                                                        int clusterPort) {
        return RunningSeedcast.settings(database.getJdbcUrl(), database.getUsername(), database.getPassword(),
                TestRunSetup.ROOT.resolve("tracker-node-" + name), "seedcast.roles=tracker", members,
                "seedcast.cluster.port=" + clusterPort);
    }

    @AfterAll
    void stopNodes() {
        for (RunningSeedcast node : new RunningSeedcast[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aPeerAnnouncedToOneNodeIsReturnedByTheOtherWhichKeepsTheSwarmWhenTheFirstIsKilled() throws Exception {
        TrackerClient onA = new TrackerClient(nodeA.trackerPort());
        TrackerClient onB = new TrackerClient(nodeB.trackerPort());
        assertThat(onA.http(infoHash, 44001, 0, "started").failureReason()).isEmpty();

        await("the peer of node A on node B").atMost(ARRIVES_WITHIN)
                .until(() -> onB.http(infoHash, 44002, 1000, "started").peerPorts().contains(44001));

        nodeA.kill();
        nodeA = null;
        assertThat(onB.udp(infoHash, 44003, 1000, 2).peerPorts()).as("node B, alone, still holds the swarm")
                .contains(44001, 44002);
        assertThat(onB.http(infoHash, 44002, 1000, null).peerPorts()).contains(44001, 44003);
    }
}
