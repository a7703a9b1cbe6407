package org.seedcast.scheduling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a piece of scheduled work on one node at a time, under a PostgreSQL session-level advisory
 * lock named after the work ({@code pg_try_advisory_lock}). A node whose run finds the lock taken
 * skips that run: another node is doing the same work right now, and the work's state is in the
 * database, so the next run (on any node) carries on from it.
 *
 * <p>An advisory lock rather than a lock table (ShedLock): PostgreSQL releases it the moment the
 * session holding it ends, so a node that crashes or loses its network holds nothing back, and no
 * lease time has to be guessed longer than the longest run and shorter than a tolerable stall. The
 * lock is taken on a connection of its own, outside any transaction, so the work's own transactions
 * (each scheduled episode publishes in one of its own) commit as they go.
 */
@Component
public class ClusterLock {

    /** The advisory lock space's first key, so Seedcast's locks stay clear of others' in a shared database. */
    static final int SEEDCAST = 0x5eedca57;

    private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

    private final DataSource dataSource;

    ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} unless another node (or another thread here) runs the work of the same
     * {@code name} right now.
     *
     * @return whether {@code work} ran; false also when the database cannot be reached (the run is skipped)
     */
    public boolean runAlone(String name, Runnable work) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!call(connection, "select pg_try_advisory_lock(?, ?)", name)) {
                close(connection);
                return false;
            }
        } catch (SQLException e) {
            log.warn("Skipped a run of {}: the database could not say whether another node runs it ({})", name, e.toString());
            close(connection);
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            release(connection, name);
        }
    }

    /**
     * A lock that cannot be released is one whose session ended, and PostgreSQL released it then;
     * the pool drops a connection that failed that way.
     */
    private static void release(Connection connection, String name) {
        try {
            if (!call(connection, "select pg_advisory_unlock(?, ?)", name)) {
                log.warn("The lock of {} was gone before its run ended", name);
            }
        } catch (SQLException e) {
            log.warn("The lock of {} went with its database session before its run ended ({})", name, e.toString());
        } finally {
            close(connection);
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Could not close a connection", e);
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, SEEDCAST);
            statement.setInt(2, name.hashCode());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
