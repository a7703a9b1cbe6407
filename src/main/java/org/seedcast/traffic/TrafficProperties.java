package org.seedcast.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How traffic is accounted for.
 *
 * @param flushInterval how often the counters' growth is written to the database ({@code SEEDCAST_TRAFFIC_FLUSH_INTERVAL});
 *                      also the most a crash can lose
 * @param bucket        the width of a stored time bucket, the charts' resolution ({@code SEEDCAST_TRAFFIC_BUCKET}):
 *                      at least a minute, at most a day, and a whole fraction of a day so buckets line up with days
 * @param retention     how long buckets are kept ({@code SEEDCAST_TRAFFIC_RETENTION}); the per-episode totals are kept for good
 */
@ConfigurationProperties("seedcast.traffic")
record TrafficProperties(@DefaultValue("1m") Duration flushInterval, @DefaultValue("1h") Duration bucket,
                         @DefaultValue("90d") Duration retention) {

    private static final Duration DAY = Duration.ofDays(1);

    TrafficProperties {
        if (flushInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("seedcast.traffic.flush-interval must be at least 1s, not " + flushInterval);
        }
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0 || bucket.compareTo(DAY) > 0
                || DAY.toSeconds() % bucket.toSeconds() != 0 || bucket.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("seedcast.traffic.bucket must be between 1m and 1d and divide a day "
                    + "(e.g. 1m, 10m, 1h, 1d), not " + bucket);
        }
        if (retention.compareTo(TrafficReport.CHART_WINDOW) < 0) {
            throw new IllegalArgumentException("seedcast.traffic.retention must cover the charts' "
                    + TrafficReport.CHART_WINDOW.toDays() + " days, not " + retention);
        }
    }
}
