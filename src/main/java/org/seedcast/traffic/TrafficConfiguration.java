package org.seedcast.traffic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** Flushes the ledger every {@code seedcast.traffic.flush-interval}, the first time one interval after start. */
@Configuration(proxyBeanMethods = false)
class TrafficConfiguration {

    @Bean
    SchedulingConfigurer trafficFlushes(TrafficLedger ledger, TrafficProperties properties) {
        return registrar -> registrar.addFixedDelayTask(
                new FixedDelayTask(ledger::flush, properties.flushInterval(), properties.flushInterval()));
    }
}
