package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The ledger is flushed on a node without the web role too (a tracker node holds the fans' bytes, a
 * seed node its seed's), which runs no {@code @Scheduled} work: the context here enables none either.
 */
class TrafficFlushesTests {

    @Test
    void aNodeWithoutTheWebRoleFlushesItsCountersEveryInterval() {
        TrafficProperties properties = new TrafficProperties(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(90));
        CountDownLatch flushes = new CountDownLatch(2);
        TrafficLedger ledger = new TrafficLedger(mock(TrafficCounters.class), mock(TrafficStore.class), properties,
                Clock.systemUTC()) {
            @Override
            void flush() {
                flushes.countDown();
            }
        };
        new ApplicationContextRunner()
                .withPropertyValues("seedcast.roles=tracker")
                .withBean(TrafficLedger.class, () -> ledger)
                .withBean(TrafficProperties.class, () -> properties)
                .withUserConfiguration(TrafficConfiguration.class)
                .run(context -> assertThat(flushes.await(20, TimeUnit.SECONDS)).as("flushed twice").isTrue());
    }
}
