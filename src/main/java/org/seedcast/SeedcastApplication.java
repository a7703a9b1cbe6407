package org.seedcast;

import java.time.Clock;

import org.seedcast.node.ConditionalOnRole;
import org.seedcast.node.NodeRole;
import org.seedcast.node.ThreadPriorities;
import org.seedcast.torrent.TorrentVerifyCommand;
import org.seedcast.training.AotTraining;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Seedcast: a studio's own BitTorrent distribution platform. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SeedcastApplication {

    /**
     * Starts the server; {@code verify FILE.torrent [--cert publisher.pem]} instead checks a
     * torrent's signature and exits (0 only when genuine) without starting anything;
     * {@code train [PEERS] [ROUNDS]} runs the training workload for an AOT cache and exits.
     */
    public static void main(String[] args) {
        if (args.length > 0 && "verify".equals(args[0])) {
            System.exit(TorrentVerifyCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && "train".equals(args[0])) {
            System.exit(AotTraining.run(SeedcastApplication.class, args, System.out));
        }
        SpringApplication.run(SeedcastApplication.class, args);
    }

    /** The one clock every module reads time from, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every {@code @Scheduled} task is web work (scheduled publishing, upload and sign-in
     * housekeeping, the admin's load samples): a tracker or seed node runs none of it. The tracker
     * and the seed have their own timers.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(NodeRole.WEB)
    @EnableScheduling
    static class WebScheduling {

        /** Web work gives way to the tracker's event loops ({@link ThreadPriorities}). */
        @Bean
        ThreadPoolTaskSchedulerCustomizer yieldingScheduler() {
            return scheduler -> scheduler.setThreadPriority(ThreadPriorities.YIELDING);
        }
    }
}
