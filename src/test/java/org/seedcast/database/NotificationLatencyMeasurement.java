package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.seedcast.support.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * How long a change takes from one node to another through {@link Notifications}: a measurement,
 * not part of the suite (its name matches none of Surefire's patterns). Run it by name:
 * {@code /work/bin/mvn-test -o -q test -Dtest=NotificationLatencyMeasurement}; it prints
 * {@code LATENCY_US} lines (bench/RESULTS.md keeps the figures).
 */
class NotificationLatencyMeasurement {

    private static final int CHANGES = 500;

    @Test
    void fromCommitOnOneNodeToTheSubscriberOfAnother() throws Exception {
        DataSource database = TestPostgres.createDatabase("notification_latency");
        long[] committed = new long[CHANGES];
        long[] received = new long[CHANGES];
        CountDownLatch all = new CountDownLatch(CHANGES);
        Notifications listening = new Notifications(JdbcClient.create(database),
                TestPostgres.connectionDetails("notification_latency"));
        listening.subscribe("latency", (payload, own) -> {
            received[Integer.parseInt(payload)] = System.nanoTime();
            all.countDown();
        });
        listening.start();
        // one open connection for the sender, as a pooled one would be: the driver's data source connects anew each time
        try (SingleConnectionDataSource connection = new SingleConnectionDataSource(database.getConnection(), true)) {
            Notifications sending = new Notifications(JdbcClient.create(connection),
                    TestPostgres.connectionDetails("notification_latency"));
            for (int i = 0; i < CHANGES; i++) {
                sending.send("latency", Integer.toString(i));
                committed[i] = System.nanoTime();
                TimeUnit.MILLISECONDS.sleep(5); // one change at a time, as a studio makes them
            }
        } finally {
            assertThat(all.await(60, TimeUnit.SECONDS)).as("every change arrived").isTrue();
            listening.stop();
        }
        long[] micros = new long[CHANGES];
        for (int i = 0; i < CHANGES; i++) {
            micros[i] = (received[i] - committed[i]) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("LATENCY_US commit to subscriber, %d changes: p50 %d, p99 %d, max %d%n", CHANGES,
                micros[CHANGES / 2], micros[CHANGES * 99 / 100], micros[CHANGES - 1]);
    }
}
