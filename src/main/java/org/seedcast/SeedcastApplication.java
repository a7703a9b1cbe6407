package org.seedcast;

import java.time.Clock;

import org.seedcast.torrent.TorrentVerifyCommand;
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

    /**
     * Starts the server; {@code verify FILE.torrent [--cert publisher.pem]} instead checks a
     * torrent's signature and exits (0 only when genuine) without starting anything.
     */
    public static void main(String[] args) {
        if (args.length > 0 && "verify".equals(args[0])) {
            System.exit(TorrentVerifyCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(SeedcastApplication.class, args);
    }

    /** The one clock every module reads time from, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
