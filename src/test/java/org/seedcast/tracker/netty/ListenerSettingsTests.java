package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.seedcast.tracker.TrackerDefaults;

class ListenerSettingsTests {

    private static ListenerSettings withMaxConnections(int total) {
        return TrackerDefaults.listener().toBuilder().maxConnections(total).build();
    }

    @Test
    void eachHttpEventLoopTakesAnEqualShareOfTheConnectionLimit() {
        assertThat(withMaxConnections(64).connectionsPerLoop(2)).isEqualTo(32);
        assertThat(withMaxConnections(65).connectionsPerLoop(2)).isEqualTo(33); // rounded up, never below the total
        assertThat(withMaxConnections(1).connectionsPerLoop(4)).isEqualTo(1);
        assertThat(withMaxConnections(1_000_000).connectionsPerLoop(2)).isEqualTo(ListenerSettings.MAX_CONNECTIONS_PER_LOOP);
    }

    @Test
    void byDefaultTheLimitIsAShareOfTheFileDescriptorsWithinBounds() {
        long total = ListenerSettings.defaultMaxConnections(1);
        assertThat(total).isBetween(256L, (long) ListenerSettings.MAX_CONNECTIONS_PER_LOOP);
        assertThat(withMaxConnections(0).connectionsPerLoop(1)).isEqualTo((int) total);
    }

    @Test
    void aBuilderNamesTheValueLeftUnsetAndChangesOnlyWhatItIsTold() {
        assertThatNullPointerException().isThrownBy(() -> ListenerSettings.builder().bindAddress("").port(0).build())
                .withMessage("ListenerSettings.threads is not set");
        ListenerSettings defaults = TrackerDefaults.listener();
        ListenerSettings changed = defaults.toBuilder().port(6970).build();
        assertThat(changed.port()).isEqualTo(6970);
        assertThat(changed.toBuilder().port(defaults.port()).build()).isEqualTo(defaults);
    }
}
