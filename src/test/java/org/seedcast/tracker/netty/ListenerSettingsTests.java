package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerSettingsTests {

    private static ListenerSettings withMaxConnections(int total) {
        return new ListenerSettings("", 0, 0, 64, Duration.ofSeconds(10), 200, 0, 0, ListenerSettings.DEFAULT_TARPIT,
                true, 0, null, total);
    }

    @Test
    void eachHttpEventLoopTakesAnEqualShareOfTheConnectionLimit() {
        assertThat(withMaxConnections(64).connectionsPerLoop(2)).isEqualTo(32);
        assertThat(withMaxConnections(65).connectionsPerLoop(2)).isEqualTo(33); // rounded up, never below the total
        assertThat(withMaxConnections(1).connectionsPerLoop(4)).isEqualTo(1);
        assertThat(withMaxConnections(1_000_000).connectionsPerLoop(2)).isEqualTo(ListenerSettings.MAX_CONNECTIONS_PER_LOOP);
        assertThat(withMaxConnections(64).headTimeoutOrDefault()).isEqualTo(ListenerSettings.DEFAULT_HEAD_TIMEOUT);
    }

    @Test
    void byDefaultTheLimitIsAShareOfTheFileDescriptorsWithinBounds() {
        long total = ListenerSettings.defaultMaxConnections(1);
        assertThat(total).isBetween(256L, (long) ListenerSettings.MAX_CONNECTIONS_PER_LOOP);
        assertThat(withMaxConnections(0).connectionsPerLoop(1)).isEqualTo((int) total);
    }
}
