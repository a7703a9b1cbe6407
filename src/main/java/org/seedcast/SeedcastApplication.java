package org.seedcast;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Seedcast: a studio's own BitTorrent distribution platform. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SeedcastApplication {

    public static void main(String[] args) {
        SpringApplication.run(SeedcastApplication.class, args);
    }
}
