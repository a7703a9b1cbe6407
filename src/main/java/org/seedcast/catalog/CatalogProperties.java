package org.seedcast.catalog;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl        {@code SEEDCAST_PUBLIC_URL}: the base URL written into feeds, torrents and web seeds
 * @param scheduleInterval {@code SEEDCAST_SCHEDULE_INTERVAL}: how often episodes whose scheduled time has come
 *                         are looked for; a scheduled episode goes out at most this long after its time
 */
@ConfigurationProperties("seedcast")
public record CatalogProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
                                @DefaultValue("15s") Duration scheduleInterval) {

    public CatalogProperties {
        if (!scheduleInterval.isPositive()) {
            throw new IllegalArgumentException("seedcast.schedule-interval must be positive");
        }
    }

    /** {@code path} (starting with /) as an absolute URL under the public URL. */
    public String absolute(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
