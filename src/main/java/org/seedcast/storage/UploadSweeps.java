package org.seedcast.storage;

import java.time.Duration;

import org.seedcast.scheduling.ClusterLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Sweeps abandoned uploads every hour, the first time five minutes after start. The uploads' rows
 * and files are shared by every web node, so one node at a time sweeps them ({@link ClusterLock});
 * the idle piece hashers each node holds in its own memory are evicted by every node
 * ({@link ResumableUploads#evictIdleHashers}).
 */
@Configuration(proxyBeanMethods = false)
class UploadSweeps {

    static final String WORK = "storage.sweep-abandoned-uploads";

    @Bean
    SchedulingConfigurer abandonedUploadSweeps(ResumableUploads uploads, ClusterLock cluster) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(
                () -> cluster.runAlone(WORK, uploads::sweepAbandoned), Duration.ofHours(1), Duration.ofMinutes(5)));
    }
}
