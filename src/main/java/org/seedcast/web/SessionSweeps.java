package org.seedcast.web;

import java.time.Duration;

import org.seedcast.scheduling.ClusterLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC, table {@code spring_session}), so a browser
 * signed in on one web node is signed in on every other. Expired sessions are deleted every minute
 * by one node at a time ({@link ClusterLock}) instead of by Spring Session's own cron job, which
 * every node would run, each on a thread pool of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SessionSweeps {

    static final String WORK = "web.delete-expired-sessions";
    private static final Duration EVERY = Duration.ofMinutes(1);

    @Bean
    SchedulingConfigurer expiredSessionSweeps(JdbcIndexedSessionRepository sessions, ClusterLock cluster) {
        return registrar -> registrar.addFixedDelayTask(
                new FixedDelayTask(() -> cluster.runAlone(WORK, sessions::cleanUpExpiredSessions), EVERY, EVERY));
    }
}
