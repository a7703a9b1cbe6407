package org.seedcast.downloads;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** Flushes the download counts every {@code seedcast.downloads.flush-interval}, the first time one interval after start. */
@Configuration(proxyBeanMethods = false)
class DownloadsConfiguration {

    @Bean
    SchedulingConfigurer downloadFlushes(DownloadCounter counter, DownloadsProperties properties) {
        return registrar -> registrar.addFixedDelayTask(
                new FixedDelayTask(counter::flush, properties.flushInterval(), properties.flushInterval()));
    }
}
