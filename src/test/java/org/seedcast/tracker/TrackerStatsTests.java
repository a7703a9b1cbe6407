package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.TrackerStats.SwarmStats;

class TrackerStatsTests {

    private static final InfoHash V1 = InfoHash.fromHex("11".repeat(20));
    private static final InfoHash V2 = InfoHash.fromHex("22".repeat(20));

    @Test
    void aHybridsTwoSwarmsAddUpUnderTheV1HashWithTheLaterAnnounce() {
        SwarmStats v1 = new SwarmStats(V1, 3, 1, 10, 4, Instant.parse("2026-01-01T10:00:00Z"));
        SwarmStats v2 = new SwarmStats(V2, 2, 5, 7, 6, Instant.parse("2026-01-01T10:05:00Z"));

        assertThat(SwarmStats.together(v1, v2))
                .isEqualTo(new SwarmStats(V1, 5, 6, 17, 10, Instant.parse("2026-01-01T10:05:00Z")));
    }

    @Test
    void aMissingSwarmCountsAsNone() {
        SwarmStats v1 = new SwarmStats(V1, 3, 1, 10, 4, null);
        SwarmStats v2 = new SwarmStats(V2, 2, 5, 7, 6, Instant.parse("2026-01-01T10:05:00Z"));

        assertThat(SwarmStats.together(v1, null)).isSameAs(v1);
        assertThat(SwarmStats.together(null, v2)).isSameAs(v2);
        assertThat(SwarmStats.together(null, null)).isNull();
        assertThat(SwarmStats.together(v1, v2).lastAnnounce()).isEqualTo(v2.lastAnnounce());
    }
}
