package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TrafficPropertiesTests {

    @Test
    void bucketsMustLineUpWithDays() {
        assertThatNoException().isThrownBy(() -> properties(Duration.ofMinutes(10), Duration.ofDays(90)));
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofMinutes(7), Duration.ofDays(90)))
                .withMessageContaining("seedcast.traffic.bucket");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(30), Duration.ofDays(90)));
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofDays(2), Duration.ofDays(90)));
    }

    @Test
    void retentionMustCoverTheCharts() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofHours(1), Duration.ofDays(2)))
                .withMessageContaining("seedcast.traffic.retention");
    }

    private static TrafficProperties properties(Duration bucket, Duration retention) {
        return new TrafficProperties(Duration.ofMinutes(1), bucket, retention);
    }
}
