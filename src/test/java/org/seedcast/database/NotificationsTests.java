package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedcast.support.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two nodes' {@link Notifications} on one real PostgreSQL, as two machines sharing it. */
class NotificationsTests {

    private static final String DATABASE = "notifications";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static DataSource database;
    private static TransactionTemplate transactions;

    private final List<Notifications> started = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void database() {
        database = TestPostgres.createDatabase(DATABASE);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    @AfterEach
    void stop() {
        started.forEach(Notifications::stop);
    }

    @Test
    void aChangeSentInATransactionArrivesOnEveryNodeOnceItCommitsAndNeverWhenItRollsBack() {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        Notifications a = node("things", onA);
        node("things", onB);

        transactions.executeWithoutResult(status -> {
            a.send("things", "rolled back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            a.send("things", "committed");
            assertThat(onB.received).as("nothing before the commit").isEmpty();
        });
        a.send("things", "outside a transaction");

        await().atMost(WITHIN).until(() -> onB.received.size() == 2 && onA.received.size() == 2);
        assertThat(onB.received).containsExactly("committed from another node", "outside a transaction from another node");
        assertThat(onA.received).containsExactly("committed from this node", "outside a transaction from this node");
    }

    @Test
    void whatANodeSendsWhileHandlingANotificationIsNotSentOnSoNodesCannotEchoEachOther() {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        Notifications a = node("echo", onA);
        Notifications[] b = new Notifications[1];
        b[0] = node("echo", (payload, own) -> {
            b[0].send("echo", "echo of " + payload);
            onB.received(payload, own);
        });

        a.send("echo", "first");
        await().atMost(WITHIN).until(() -> onB.received.contains("first from another node"));
        // an echo would have committed before B recorded "first", so before this one
        b[0].send("echo", "last");

        await().atMost(WITHIN).until(() -> onA.received.contains("last from another node"));
        assertThat(onA.received).containsExactly("first from this node", "last from another node");
    }

    @Test
    void aNodeThatLostItsListeningConnectionReconnectsAndIsToldItMayHaveMissedChanges() {
        AtomicInteger missed = new AtomicInteger();
        Recorder onB = new Recorder() {
            @Override
            public void missed() {
                missed.incrementAndGet();
            }
        };
        Notifications a = node("lost", new Recorder());
        node("lost", onB);
        assertThat(missed).as("not at a first connection made before anything loads").hasValue(0);

        JdbcClient.create(database).sql("select pg_terminate_backend(pid) from pg_stat_activity"
                + " where application_name = 'seedcast notifications' and datname = :database")
                .param("database", DATABASE).query().listOfRows();

        await().atMost(WITHIN).untilAtomic(missed, org.hamcrest.Matchers.greaterThan(0));
        a.send("lost", "after reconnecting");
        await().atMost(WITHIN).until(() -> onB.received.contains("after reconnecting from another node"));
    }

    private Notifications node(String topic, Notifications.Subscriber subscriber) {
        Notifications node = new Notifications(JdbcClient.create(database), TestPostgres.connectionDetails(DATABASE));
        node.subscribe(topic, subscriber);
        node.start();
        started.add(node);
        return node;
    }

    private static class Recorder implements Notifications.Subscriber {

        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void received(String payload, boolean ownNode) {
            received.add(payload + (ownNode ? " from this node" : " from another node"));
        }
    }
}
