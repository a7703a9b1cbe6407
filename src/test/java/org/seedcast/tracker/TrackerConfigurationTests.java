package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.seedcast.node.NodeProperties;
import org.seedcast.publishing.AdvertisedSeed;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TrackerAddress;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.storage.StorageProperties;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.netty.TrackerServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The Spring edge alone: beans, lifecycle and events, without the rest of the application. */
class TrackerConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TrackerProperties.class, ClusterProperties.class, TrackerAddress.class,
            StorageProperties.class, NodeProperties.class})
    static class Properties {
    }

    /** What publishing answers the tracker at start. */
    private final List<TorrentPublished> published = new ArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, TrackerConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(Publishing.class, this::publishing)
            .withPropertyValues("seedcast.tracker.port=0", "seedcast.tracker.bind-address=127.0.0.1",
                    "seedcast.tracker.threads=1", "seedcast.tracker.publisher=Acme",
                    "seedcast.data-dir=target/test-data/tracker-configuration"); // the connection-id key goes there

    @Test
    void startsWithTheContextLoadsThePublishedTorrentsAndFollowsPublishEvents() {
        InfoHash loaded = InfoHash.fromHex("11".repeat(20));
        InfoHash published = InfoHash.fromHex("22".repeat(20));
        this.published.add(new TorrentPublished(6, loaded, null, 1000L));
        runner.run(context -> {
            Tracker tracker = context.getBean(Tracker.class);
            TrackerServer server = context.getBean(TrackerServer.class);
            assertThat(server.running()).isTrue();
            assertThat(tracker.port()).isEqualTo(server.port()).isPositive();
            assertThat(tracker.tracks(loaded)).isTrue();
            assertThat(tracker.tracks(published)).isFalse();

            context.publishEvent(new TorrentPublished(7, published, null));
            assertThat(tracker.tracks(published)).isTrue();

            String answer = get(server.port(), "/announce?info_hash=" + "%33".repeat(20)
                    + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=1");
            assertThat(answer).contains("this tracker only serves Acme's torrents");
            assertThat(context.getBean(MeterRegistry.class).get("seedcast.tracker.requests")
                    .tags("transport", "http", "kind", "announce", "outcome", "unknown").counter().count())
                    .isEqualTo(1.0);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("seedcast.tracker.unknown.hashes").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("seedcast.tracker.unknown.lost").functionCounter().count()).isZero();
        });
    }

    @Test
    void theSeedIsListedAtTheAddressesPublishingResolvedAndItsGaugeSaysSo() {
        AdvertisedSeed seed = Mockito.mock(AdvertisedSeed.class);
        Mockito.when(seed.enabled()).thenReturn(true);
        Mockito.when(seed.addresses()).thenReturn(List.of(new InetSocketAddress("192.0.2.10", 6881),
                new InetSocketAddress("2001:db8::10", 6881)));
        runner.withBean(AdvertisedSeed.class, () -> seed).withPropertyValues("seedcast.tracker.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(Tracker.class).publisherSeed())
                            .contains("192.0.2.10:6881 and [2001:db8:0:0:0:0:0:10]:6881");
                    assertThat(context.getBean(MeterRegistry.class).get("seedcast.tracker.publisher.seed").gauge()
                            .value()).isEqualTo(1.0);
                });
        Mockito.when(seed.enabled()).thenReturn(false);
        runner.withBean(AdvertisedSeed.class, () -> seed).withPropertyValues("seedcast.tracker.enabled=false")
                .run(context -> assertThat(context.getBean(Tracker.class).publisherSeed()).isEmpty());
        runner.withPropertyValues("seedcast.tracker.enabled=false").run(context ->
                assertThat(context.getBean(MeterRegistry.class).get("seedcast.tracker.publisher.seed").gauge()
                        .value()).isZero());
    }

    @Test
    void aTakenPortLeavesTheApplicationRunning() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            runner.withPropertyValues("seedcast.tracker.port=" + taken.getLocalPort()).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(TrackerServer.class).running()).isFalse();
            });
        }
    }

    @Test
    void staysOffWhenDisabledButKeepsItsApi() {
        runner.withPropertyValues("seedcast.tracker.enabled=false").run(context -> {
            assertThat(context.getBean(TrackerServer.class).running()).isFalse();
            assertThat(context.getBean(Tracker.class).stats().trackedTorrents()).isZero();
        });
    }

    @Test
    void theConnectionIdKeyIsKeptUnderTheDataDirectory(@TempDir Path dataDir) {
        runner.withPropertyValues("seedcast.tracker.enabled=false", "seedcast.data-dir=" + dataDir).run(context ->
                assertThat(dataDir.resolve("tracker/connection-id.key")).isRegularFile());
    }

    private Publishing publishing() {
        Publishing publishing = Mockito.mock(Publishing.class);
        Mockito.when(publishing.published()).thenAnswer(call -> List.copyOf(published));
        return publishing;
    }

    private static String get(int port, String target) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
