package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CounterDifferencesTests {

    final CounterDifferences<String> differences = new CounterDifferences<>();

    @Test
    void theFirstReadingIsAllGrowth() {
        assertThat(differences.advance(Map.of("a", 100L, "b", 0L))).isEqualTo(Map.of("a", 100L));
    }

    @Test
    void laterReadingsGiveOnlyWhatGrew() {
        differences.advance(Map.of("a", 100L, "b", 5L));

        assertThat(differences.advance(Map.of("a", 130L, "b", 5L))).isEqualTo(Map.of("a", 30L));
        assertThat(differences.advance(Map.of("a", 130L, "b", 5L))).isEmpty();
    }

    @Test
    void aCounterThatWentDownRestartedFromZero() {
        differences.advance(Map.of("a", 100L));

        assertThat(differences.advance(Map.of("a", 40L))).isEqualTo(Map.of("a", 40L));
        assertThat(differences.advance(Map.of("a", 45L))).isEqualTo(Map.of("a", 5L));
    }

    @Test
    void aCounterThatDisappearedIsForgottenAndCountsFromZeroWhenItReturns() {
        differences.advance(Map.of("a", 100L));

        assertThat(differences.advance(Map.of())).isEmpty();
        assertThat(differences.advance(Map.of("a", 120L))).isEqualTo(Map.of("a", 120L));
    }

    @Test
    void peekingLeavesTheReferenceAlone() {
        differences.advance(Map.of("a", 100L));

        assertThat(differences.peek(Map.of("a", 150L))).isEqualTo(Map.of("a", 50L));
        assertThat(differences.peek(Map.of("a", 170L))).isEqualTo(Map.of("a", 70L));
        assertThat(differences.advance(Map.of("a", 170L))).isEqualTo(Map.of("a", 70L));
    }
}
