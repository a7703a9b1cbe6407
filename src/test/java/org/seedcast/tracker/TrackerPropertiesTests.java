package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.engine.TrackerSettings;
import org.seedcast.tracker.engine.TrackerSettings.UdpRefusal;
import org.seedcast.tracker.netty.ListenerSettings;
import org.seedcast.tracker.protocol.Endpoint;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding {@code seedcast.tracker.*} as the application would, without starting it. */
class TrackerPropertiesTests {

    private static TrackerProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("seedcast.tracker", TrackerProperties.class);
    }

    @Test
    void defaultsFollowTheIssue() {
        TrackerProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        assertThat(p.refusalInterval()).isGreaterThanOrEqualTo(Duration.ofHours(2));
        assertThat(p.blockedInterval()).isGreaterThan(p.refusalInterval());
        assertThat(p.numwant()).isEqualTo(50);
        assertThat(p.udpRefusal()).isEqualTo(UdpRefusal.EMPTY_REPLY);
        assertThat(p.rateLimitExempt()).isEmpty();
        assertThat(p.trustedProxies()).isEmpty();
        assertThat(p.tarpit()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.udpSockets()).isEqualTo(64);
        assertThat(p.udpReceiveBuffer().toBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(p.ioUring()).isTrue();
        assertThat(bind(Map.of("seedcast.tracker.io-uring", "false")).ioUring()).isFalse();
        assertThat(p.httpThreads()).isZero();
    }

    @Test
    void theEngineAndTheListenersGetEveryValueFromTheSettings() {
        TrackerProperties p = bind(Map.of("seedcast.tracker.publisher", "Acme", "seedcast.tracker.interval", "40m",
                "seedcast.tracker.udp-refusal", "error", "seedcast.tracker.rate-limit-exempt", "192.0.2.0/24",
                "seedcast.tracker.bind-address", "127.0.0.1", "seedcast.tracker.udp-receive-buffer", "2MB",
                "seedcast.tracker.head-timeout", "3s", "seedcast.tracker.max-connections", "4096"));
        TrackerSettings engine = p.engineSettings();
        assertThat(engine.publisher()).isEqualTo("Acme");
        assertThat(engine.interval()).isEqualTo(2400);
        assertThat(engine.minInterval()).isEqualTo(300);
        assertThat(engine.jitter()).isEqualTo(120);
        assertThat(engine.refusalInterval()).isEqualTo(7200);
        assertThat(engine.blockedInterval()).isEqualTo(86_400);
        assertThat(engine.rateLimitedInterval()).isEqualTo(3600);
        assertThat(engine.defaultNumWant()).isEqualTo(50);
        assertThat(engine.maxNumWant()).isEqualTo(200);
        assertThat(engine.udpRefusal()).isEqualTo(UdpRefusal.ERROR);
        assertThat(engine.rateLimitExempt().contains(Endpoint.of(new InetSocketAddress("192.0.2.7", 1)))).isTrue();
        assertThat(engine.trustedProxies().contains(Endpoint.of(new InetSocketAddress("192.0.2.7", 1)))).isFalse();

        ListenerSettings listener = p.listenerSettings(6970);
        assertThat(listener).isEqualTo(ListenerSettings.builder().bindAddress("127.0.0.1").port(6970).threads(0)
                .httpThreads(0).ioUring(true).maxConnections(4096).maxConnectionsPerAddress(64)
                .headTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofSeconds(10)).tarpit(Duration.ofSeconds(1))
                .maxPeers(200).udpSockets(64).udpReceiveBuffer(2 * 1024 * 1024).build());
    }

    @Test
    void httpGetsHalfTheCoresAndAtLeastTwoUnlessConfigured() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(bind(Map.of()).listenerSettings(0).httpThreadCount()).isEqualTo(Math.max(2, cores / 2));
        assertThat(bind(Map.of("seedcast.tracker.http-threads", "3")).listenerSettings(0).httpThreadCount())
                .isEqualTo(3);
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.http-threads", "-1")))
                .hasRootCauseMessage("seedcast.tracker.threads and http-threads must not be negative");
    }

    @Test
    void udpQueuesBindAsSizesWithinSaneBounds() {
        TrackerProperties p = bind(Map.of("seedcast.tracker.udp-sockets", "128",
                "seedcast.tracker.udp-receive-buffer", "2MB"));
        assertThat(p.udpSockets()).isEqualTo(128);
        assertThat(p.udpReceiveBuffer().toBytes()).isEqualTo(2 * 1024 * 1024);
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.udp-sockets", "0")))
                .hasRootCauseMessage("seedcast.tracker.udp-sockets must be between 1 and 1024");
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.udp-receive-buffer", "1KB")))
                .hasRootCauseMessage("seedcast.tracker.udp-receive-buffer must be between 16KB and 256MB");
    }

    @Test
    void aTarpitMustEndBeforeTheIdleTimeout() {
        assertThat(bind(Map.of("seedcast.tracker.tarpit", "0")).tarpit()).isZero();
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.tarpit", "10s")))
                .hasRootCauseMessage("seedcast.tracker.tarpit must be between 0 and idle-timeout");
        assertThat(bind(Map.of("seedcast.tracker.tarpit", "10s", "seedcast.tracker.idle-timeout", "30s")).tarpit())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void httpConnectionsHaveAHeadDeadlineAndATotalLimitByDefault() {
        TrackerProperties p = bind(Map.of());
        assertThat(p.headTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.maxConnectionsPerAddress()).isEqualTo(64);
        assertThat(p.maxConnections()).isZero(); // a share of the file descriptors
        TrackerProperties set = bind(Map.of("seedcast.tracker.head-timeout", "2s", "seedcast.tracker.max-connections", "4096"));
        assertThat(set.headTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.maxConnections()).isEqualTo(4096);
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.head-timeout", "0s")))
                .hasRootCauseMessage("seedcast.tracker.head-timeout must be positive");
        assertThatThrownBy(() -> bind(Map.of("seedcast.tracker.max-connections-per-address", "0")))
                .rootCause().hasMessageContaining("max-connections-per-address must be at least 1");
    }

    @Test
    void commaSeparatedListsAndEnumsBindLikeEnvironmentVariables() {
        TrackerProperties p = bind(Map.of(
                "seedcast.tracker.rate-limit-exempt", "127.0.0.0/8,::1",
                "seedcast.tracker.trusted-proxies", "10.0.0.0/8",
                "seedcast.tracker.udp-refusal", "error",
                "seedcast.tracker.refusal-interval", "3h",
                "seedcast.tracker.enabled", "false"));
        assertThat(p.rateLimitExempt()).containsExactly("127.0.0.0/8", "::1");
        assertThat(p.trustedProxies()).containsExactly("10.0.0.0/8");
        assertThat(p.udpRefusal()).isEqualTo(UdpRefusal.ERROR);
        assertThat(p.refusalInterval()).isEqualTo(Duration.ofHours(3));
        assertThat(p.enabled()).isFalse();
    }
}
