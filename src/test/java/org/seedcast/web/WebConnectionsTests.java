package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Unset, the web port's connection bound is sized to the heap: every connection may be a slow one
 * holding Tomcat's buffers for its head, and 8,192 of them, the old fixed bound, did not fit in the
 * production heap of 512 MiB (bench/abuse.sh, {@code web-slow-1000}: OutOfMemoryError at about 7,000).
 */
class WebConnectionsTests {

    @Test
    void unsetTheBoundIsAsManyConnectionsAsAQuarterOfTheHeapHolds() {
        assertThat(WebProperties.Connections.forHeap(512L << 20)).isEqualTo(2048);
        assertThat(WebProperties.Connections.forHeap(1L << 30)).isEqualTo(4096);
        assertThat(WebProperties.Connections.forHeap(4L << 30)).as("at most 8,192").isEqualTo(8192);
        assertThat(WebProperties.Connections.forHeap(8L << 20)).as("at least 64").isEqualTo(64);
        WebProperties.Connections unset = connections(0);
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(unset.maxConnections()).isEqualTo(WebProperties.Connections.forHeap(heap));
        assertThat(unset.heapAtCapacity()).isLessThanOrEqualTo(heap / 4);
    }

    @Test
    void aBoundSetIsKeptAndANegativeOneRefused() {
        assertThat(connections(100).maxConnections()).isEqualTo(100);
        assertThat(connections(100).heapAtCapacity()).isEqualTo(100 * 64 * 1024);
        assertThatThrownBy(() -> connections(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-connections must not be negative");
    }

    @Test
    void aBoundThatCouldFillMoreThanHalfTheHeapIsWarnedAbout() {
        assertThat(connections(8192).heapWarning(512L << 20)).hasValue("seedcast.web.max-connections=8192: that many "
                + "slow connections could hold 512 MiB, more than half of the 512 MiB heap; unset, it is sized to the heap");
        assertThat(connections(4096).heapWarning(512L << 20)).as("exactly half").isEmpty();
        assertThat(connections(0).heapWarning(Runtime.getRuntime().maxMemory())).as("the default").isEmpty();
    }

    private static WebProperties.Connections connections(int maxConnections) {
        return new WebProperties.Connections(maxConnections, 64, Duration.ofSeconds(10), null);
    }
}
