package org.seedcast.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedcast.support.TestPostgres;

/** Two nodes (two {@link ClusterLock}s) on one real PostgreSQL. */
class ClusterLockTests {

    private static DataSource database;

    private final ClusterLock nodeA = new ClusterLock(database);
    private final ClusterLock nodeB = new ClusterLock(database);
    private final CountDownLatch working = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    @BeforeAll
    static void createDatabase() {
        // a session per connection: a pooled one could still hold a lock whose session a test ends, or be that session
        database = TestPostgres.createUnpooledDatabase("cluster_lock");
    }

    @Test
    void whileOneNodeRunsAPieceOfWorkTheOtherSkipsItButNotOtherWork() throws Exception {
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> nodeA.runAlone("publish", this::holdOn));
        assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ranOnB = new AtomicBoolean();

        assertThat(nodeB.runAlone("publish", () -> ranOnB.set(true))).isFalse();
        assertThat(ranOnB).isFalse();
        assertThat(nodeB.runAlone("sweep", () -> ranOnB.set(true))).as("other work").isTrue();

        done.countDown();
        assertThat(onA.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(nodeB.runAlone("publish", () -> { })).as("free again once A is done").isTrue();
    }

    @Test
    void aNodeWhoseDatabaseSessionEndsMidRunHoldsNothingBack() throws Exception {
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> nodeA.runAlone("flush", this::holdOn));
        assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();

        try (Connection admin = database.getConnection(); Statement s = admin.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
                    + " and database = (select oid from pg_database where datname = current_database())");
        }

        assertThat(nodeB.runAlone("flush", () -> { })).as("B runs it while A is cut off").isTrue();
        done.countDown();
        assertThat(onA.get(30, TimeUnit.SECONDS)).as("A's work did run").isTrue();
        assertThat(nodeA.runAlone("flush", () -> { })).as("A takes part again with a new connection").isTrue();
    }

    @Test
    void aRunIsSkippedWhileTheDatabaseIsUnreachable() throws Exception {
        DataSource down = mock(DataSource.class);
        when(down.getConnection()).thenThrow(new SQLException("connection refused", "08001"));
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(new ClusterLock(down).runAlone("publish", () -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();
    }

    private void holdOn() {
        working.countDown();
        try {
            done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
