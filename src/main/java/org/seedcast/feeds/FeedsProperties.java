package org.seedcast.feeds;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxItems {@code seedcast.feeds.max-items}: the newest episodes a feed lists
 * @param maxAge   {@code seedcast.feeds.max-age}: how long readers and proxies may reuse a feed
 */
@ConfigurationProperties("seedcast.feeds")
record FeedsProperties(@DefaultValue("100") int maxItems, @DefaultValue("5m") Duration maxAge) {

    FeedsProperties {
        if (maxItems < 1) {
            throw new IllegalArgumentException("seedcast.feeds.max-items must be at least 1, not " + maxItems);
        }
    }
}
