package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.seedcast.node.FileDescriptors;

/**
 * Unset, the web port's connection bound is sized to the heap and the file descriptors: every
 * connection may be a slow one holding its socket's buffers for its head, and 8,192 of them, the
 * old fixed bound, did not fit in the production heap of 512 MiB when Tomcat gave each its processor
 * at the first byte (bench/abuse.sh, {@code web-slow-1000}: OutOfMemoryError at about 7,000).
 */
class WebConnectionsTests {

    private static final long MANY = 1L << 20;

    @Test
    void unsetTheBoundIsAsManyConnectionsAsAQuarterOfTheHeapAndOfTheDescriptorsHold() {
        assertThat(WebProperties.Connections.sized(512L << 20, MANY)).isEqualTo(5461);
        assertThat(WebProperties.Connections.sized(768L << 20, MANY)).isEqualTo(8192);
        assertThat(WebProperties.Connections.sized(4L << 30, MANY)).as("at most 8,192").isEqualTo(8192);
        assertThat(WebProperties.Connections.sized(4L << 20, MANY)).as("at least 64").isEqualTo(64);
        assertThat(WebProperties.Connections.sized(512L << 20, 20_000)).as("a quarter of the descriptors").isEqualTo(5000);
        assertThat(WebProperties.Connections.sized(4L << 30, 1024)).as("a shell's 1,024").isEqualTo(256);
        WebProperties.Connections unset = connections(0);
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(unset.maxConnections()).isEqualTo(WebProperties.Connections.sized(heap, FileDescriptors.limit()));
        assertThat(unset.heapAtCapacity()).isLessThanOrEqualTo(heap / 4);
    }

    @Test
    void aBoundSetIsKeptAndANegativeOneRefused() {
        assertThat(connections(100).maxConnections()).isEqualTo(100);
        assertThat(connections(100).heapAtCapacity()).isEqualTo(100 * 24 * 1024);
        assertThatThrownBy(() -> connections(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-connections must not be negative");
    }

    @Test
    void aBoundThatCouldFillMoreThanHalfTheHeapIsWarnedAbout() {
        assertThat(connections(12_000).heapWarning(512L << 20)).hasValue("seedcast.web.max-connections=12000: that many "
                + "slow connections could hold 281 MiB, more than half of the 512 MiB heap; unset, it is sized to the heap");
        assertThat(connections(10_922).heapWarning(512L << 20)).as("just under half").isEmpty();
        assertThat(connections(0).heapWarning(Runtime.getRuntime().maxMemory())).as("the default").isEmpty();
    }

    private static WebProperties.Connections connections(int maxConnections) {
        return new WebProperties.Connections(maxConnections, 64, Duration.ofSeconds(10), null);
    }
}
