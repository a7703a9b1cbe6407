package org.seedcast.traffic;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flushes the ledger every {@code seedcast.traffic.flush-interval}, the first time one interval after
 * start, on every node: each holds counters of its own (a web node its web seed's, a tracker node its
 * fans' bytes, a seed node its seed's), and a node without the web role runs no {@code @Scheduled}
 * work, so the flushes have a timer of their own.
 */
@Configuration(proxyBeanMethods = false)
class TrafficConfiguration {

    @Bean(destroyMethod = "close")
    Flushes trafficFlushes(TrafficLedger ledger, TrafficProperties properties) {
        return new Flushes(ledger, properties.flushInterval());
    }

    /** Stopped before the ledger, whose own last flush then runs alone. */
    static final class Flushes implements AutoCloseable {

        private static final Logger log = LoggerFactory.getLogger(Flushes.class);

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedcast-traffic-flush");
            t.setDaemon(true);
            return t;
        });

        Flushes(TrafficLedger ledger, Duration every) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    ledger.flush();
                } catch (RuntimeException e) { // the next flush tries again; an escaped exception would end the timer
                    log.warn("Traffic flush failed: {}", e.toString());
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
