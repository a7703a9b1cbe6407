package org.seedcast.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.seedcast.support.PostgresTestConfiguration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first admin on a database of its own (the run's PostgreSQL), as web nodes create it when they
 * start together: each node is a {@link FirstAdmin} on a thread of its own, with its own transactions.
 */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestConfiguration.class, Accounts.class, FirstAdminTests.Rendezvous.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class FirstAdminTests {

    @Autowired
    Accounts accounts;

    @Test
    void webNodesStartingTogetherCreateOneAdminAndOnlyItsCreatorPrintsThePassword() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(FirstAdmin.class);
        logger.addAppender(log);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> started = List.of(nodes.submit(this::startNode), nodes.submit(this::startNode));
            for (Future<?> node : started) {
                node.get(30, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
            logger.detachAppender(log);
        }

        assertThat(accounts.all()).singleElement().satisfies(admin -> {
            assertThat(admin.username()).isEqualTo("admin");
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
        });
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("created the first admin")).hasSize(1);
    }

    private void startNode() {
        new FirstAdmin(accounts, new AccountsProperties(null, null)).run(null);
    }

    /**
     * A password encoder at which both nodes meet when both got that far (both found no account), so
     * that neither has written its admin before the other looked: the race, every time. A node that
     * waits for the other's lock instead meets nobody and goes on after a second.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Rendezvous {

        @Bean
        @SuppressWarnings("deprecation")
        PasswordEncoder passwordEncoder() {
            CyclicBarrier bothThere = new CyclicBarrier(2);
            PasswordEncoder plain = NoOpPasswordEncoder.getInstance();
            return new PasswordEncoder() {
                @Override
                public String encode(CharSequence password) {
                    try {
                        bothThere.await(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | BrokenBarrierException e) {
                        bothThere.reset();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return plain.encode(password);
                }

                @Override
                public boolean matches(CharSequence password, String encoded) {
                    return plain.matches(password, encoded);
                }
            };
        }
    }
}
