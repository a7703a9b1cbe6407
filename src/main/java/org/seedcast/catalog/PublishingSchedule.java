package org.seedcast.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes scheduled episodes when their time comes. */
@Component
class PublishingSchedule {

    private static final Logger log = LoggerFactory.getLogger(PublishingSchedule.class);

    private final Catalog catalog;

    PublishingSchedule(Catalog catalog) {
        this.catalog = catalog;
    }

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT15S")
    void publishDue() {
        int published = catalog.publishDue();
        if (published > 0) {
            log.info("Published {} scheduled episode(s)", published);
        }
    }
}
