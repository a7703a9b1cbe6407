package org.seedcast.downloads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param flushInterval {@code SEEDCAST_DOWNLOADS_FLUSH_INTERVAL}: how often the download counts gathered in memory
 *                      are written to the database (and once more at shutdown)
 */
@ConfigurationProperties("seedcast.downloads")
record DownloadsProperties(@DefaultValue("10s") Duration flushInterval) {

    DownloadsProperties {
        if (!flushInterval.isPositive()) {
            throw new IllegalArgumentException("seedcast.downloads.flush-interval must be positive");
        }
    }
}
