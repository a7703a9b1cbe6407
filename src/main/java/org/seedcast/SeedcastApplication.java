package org.seedcast;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Seedcast: a studio's own BitTorrent distribution platform. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SeedcastApplication {

    public static void main(String[] args) {
        SpringApplication.run(SeedcastApplication.class, args);
    }

    /** The one clock every module reads time from, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
