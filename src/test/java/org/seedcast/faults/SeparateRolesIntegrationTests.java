package org.seedcast.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TestRunSetup;

/**
 * Nodes on one PostgreSQL, as on several machines: a web node (no tracker, no seed) and a tracker cluster
 * of two tracker-only nodes (no servlet container; health and metrics on the management port). The first
 * tracker node runs in a JVM of its own: what the studio changes on the web node reaches it only through
 * the database's notifications, its peers reach the other node only through the cluster, and it is killed
 * with SIGKILL. The web node and the other tracker node, which survives, run in this JVM, as separate
 * applications: a second process for them would prove nothing the first does not and costs a JVM's start.
 * The tracker nodes answer on after the web node is gone, and the survivor keeps the swarms after the
 * first is killed. The third test kills the first tracker node, the last one stops the web node.
 */
@ExtendWith(ExternalPostgres.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(RunningSeedcast.PROCESS_LOCK)
class SeparateRolesIntegrationTests {

    private static final String DATABASE = "separate_roles";
    /** Far longer than a notification takes (milliseconds): only a lost one waits this long. */
    private static final Duration ARRIVES_WITHIN = Duration.ofSeconds(15);

    static RunningSeedcast web;
    static RunningSeedcast tracker;
    static RunningSeedcast otherTracker;
    static Studio studio;
    static TrackerClient peers;

    @BeforeAll
    static void start(ExternalPostgres postgres) {
        postgres.createDatabase(DATABASE);
        int clusterPort = TestRunSetup.freePort();
        int otherClusterPort = TestRunSetup.freePort();
        String members = "seedcast.cluster.members=127.0.0.1:" + clusterPort + ",127.0.0.1:" + otherClusterPort;
        RunningSeedcast.Settings trackerNode = trackerNode(postgres, "roles-tracker", members, clusterPort);
        // all start at once, as nodes of a cluster do (the first tracker node's JVM starts while this one
        // starts the others); the tracker nodes form theirs between them, and only the web node creates the
        // first admin
        tracker = RunningSeedcast.launchProcess(trackerNode);
        otherTracker = RunningSeedcast.start(trackerNode(postgres, "roles-other-tracker", members, otherClusterPort));
        // the web node writes the tracker node's port into its torrents, as a cluster's web nodes do
        web = RunningSeedcast.start(RunningSeedcast.settings(postgres, DATABASE, TestRunSetup.ROOT.resolve("roles-web"),
                "seedcast.roles=web", "seedcast.tracker.port=" + trackerNode.trackerPort()));
        tracker.awaitReady();
        studio = new Studio(web.port());
        peers = new TrackerClient(tracker.trackerPort());
    }

    private static RunningSeedcast.Settings trackerNode(ExternalPostgres postgres, String name, String members,
                                                        int clusterPort) {
        // the nodes start together, so the first need not wait Hazelcast's default 5 s for the other to join
        return RunningSeedcast.settings(postgres, DATABASE, TestRunSetup.ROOT.resolve(name), "seedcast.roles=tracker",
                members, "seedcast.cluster.port=" + clusterPort, "seedcast.cluster.join-wait=1s");
    }

    @AfterAll
    static void stop() {
        for (RunningSeedcast node : new RunningSeedcast[] {web, tracker, otherTracker}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void anEpisodePublishedAndWithdrawnOnTheWebNodeIsTrackedAndThenRefusedByTheTrackerNode() {
        String episode = studio.publishInNewShow("roles-publish", Media.mp4(64 * 1024, 71));
        String infoHash = JsonPath.read(episode, "$.infoHash");
        int id = JsonPath.read(episode, "$.id");

        await("the publication on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> peers.http(infoHash, 42001, 0, "started").failureReason().isEmpty());
        assertThat(peers.http(infoHash, 42002, 1000, "started").peerPorts()).contains(42001);
        assertThat(web.context().getBean(org.seedcast.tracker.Tracker.class).stats().seeders())
                .as("the web node's own tracker does not listen, so it saw no peer").isZero();

        HttpResponse<String> withdrawn = studio.admin().postJson("/api/episodes/" + id + "/unpublish", "");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        await("the withdrawal on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> peers.http(infoHash, 42001, 0, null).failureReason().isPresent());
    }

    @Test
    @Order(2)
    void aBanOnTheWebNodeIsEnforcedByTheTrackerNodeUntilItIsLifted() {
        String foreign = HexFormat.of().formatHex(randomBytes(20));
        assertThat(reason(foreign)).hasValueSatisfying(r -> assertThat(r).doesNotContain("banned"));

        HttpResponse<String> ban = studio.admin().postJson("/api/admin/bans", "{\"cidr\":\"127.0.0.0/8\",\"reason\":\"test\"}");
        assertThat(ban.statusCode()).as(ban.body()).isEqualTo(201);
        await("the ban on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> reason(foreign).filter(r -> r.contains("banned")).isPresent());

        HttpRequest lift = studio.admin().request("/api/admin/bans?cidr=127.0.0.0/8").DELETE().build();
        assertThat(studio.admin().send(lift).statusCode()).isEqualTo(204);
        await("the lifted ban on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> reason(foreign).filter(r -> r.contains("banned")).isEmpty());
    }

    @Test
    @Order(3)
    void aPeerAnnouncedToOneTrackerNodeIsReturnedByTheOtherWhichKeepsTheSwarmWhenTheFirstIsKilled() throws Exception {
        String infoHash = JsonPath.read(studio.publishInNewShow("roles-cluster", Media.mp4(64 * 1024, 81)),
                "$.infoHash");
        TrackerClient onOther = new TrackerClient(otherTracker.trackerPort());
        await("the publication on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> peers.http(infoHash, 44001, 0, "started").failureReason().isEmpty());

        await("the peer of the first tracker node on the other").atMost(ARRIVES_WITHIN)
                .until(() -> onOther.http(infoHash, 44002, 1000, "started").peerPorts().contains(44001));

        tracker.kill();
        tracker = null;
        assertThat(onOther.udp(infoHash, 44003, 1000, 2).peerPorts()).as("the other node, alone, still holds the swarm")
                .contains(44001, 44002);
        assertThat(onOther.http(infoHash, 44002, 1000, null).peerPorts()).contains(44001, 44003);
    }

    @Test
    @Order(4)
    void theTrackerNodeAnswersAndReportsHealthAfterTheWebNodeStops() {
        TrackerClient survivor = new TrackerClient(otherTracker.trackerPort());
        String infoHash = JsonPath.read(studio.publishInNewShow("roles-after", Media.mp4(64 * 1024, 72)), "$.infoHash");
        await("the publication on the tracker node").atMost(ARRIVES_WITHIN)
                .until(() -> survivor.http(infoHash, 43001, 0, "started").failureReason().isEmpty());

        web.close();
        web = null;

        assertThat(survivor.http(infoHash, 43002, 1000, "started").peerPorts()).contains(43001);
        Http management = Http.at(otherTracker.port());
        HttpResponse<String> health = management.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(management.get("/actuator/prometheus").body()).contains("seedcast_tracker_peers");
        assertThat(management.get("/").statusCode()).as("no pages: the node has no web role").isEqualTo(404);
    }

    private static Optional<String> reason(String infoHash) {
        return peers.http(infoHash, 42100, 1000, null).failureReason();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
