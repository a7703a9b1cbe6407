package org.seedcast.catalog;

import org.seedcast.scheduling.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Publishes scheduled episodes when their time comes, each in its own transaction: one that
 * fails is marked with the reason and retried later, and the others still go out. Every web node
 * runs the schedule, one at a time ({@link ClusterLock}): a scheduled episode is published once, by
 * whichever node comes first after its time.
 */
@Component
class PublishingSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PublishingSchedule.class);
    private static final int MAX_REASON = 500;
    static final String WORK = "catalog.publish-due";

    private final Catalog catalog;
    private final CatalogProperties properties;
    private final ClusterLock cluster;

    PublishingSchedule(Catalog catalog, CatalogProperties properties, ClusterLock cluster) {
        this.catalog = catalog;
        this.properties = properties;
        this.cluster = cluster;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::publishDue, properties.scheduleInterval(),
                properties.scheduleInterval()));
    }

    void publishDue() {
        cluster.runAlone(WORK, this::publishDueHere);
    }

    private void publishDueHere() {
        int published = 0;
        for (long id : catalog.dueEpisodes()) {
            if (publish(id)) {
                published++;
            }
        }
        if (published > 0) {
            log.info("Published {} scheduled episode(s)", published);
        }
    }

    private boolean publish(long id) {
        try {
            return catalog.publishScheduled(id);
        } catch (ConcurrencyFailureException changedMeanwhile) {
            // a producer (or another run) changed it at the same moment; the next run sees the outcome
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not publish scheduled episode {}: {}", id, e.toString());
            try {
                catalog.scheduledPublishFailed(id, reasonOf(e));
            } catch (RuntimeException unrecorded) {
                log.warn("Could not record the failure of scheduled episode {}: {}", id, unrecorded.toString());
            }
            return false;
        }
    }

    private static String reasonOf(RuntimeException e) {
        String reason = e instanceof ErrorResponseException problem && problem.getBody().getDetail() != null
                ? problem.getBody().getDetail()
                : "Publishing failed on the server (" + e.getClass().getSimpleName() + "); it was logged and will be retried.";
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "\u2026";
    }
}
