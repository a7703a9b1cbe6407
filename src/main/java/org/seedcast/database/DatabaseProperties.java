package org.seedcast.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request may wait on PostgreSQL, for the pooled connections every request, job and
 * session uses (embedded or external). Without these bounds a stalled server (stopped process,
 * hung network path, a lock held forever) holds each request thread that reaches it for good,
 * until no thread is left. Migrations are not bounded: they run once, at start, and may
 * legitimately take long on a large database.
 *
 * @param statementTimeout {@code SEEDCAST_DATABASE_STATEMENT_TIMEOUT}: PostgreSQL cancels any statement, lock waits
 *                         included, that runs longer (0: never); the connection stays usable and the request fails
 *                         with 503
 * @param socketTimeout    {@code SEEDCAST_DATABASE_SOCKET_TIMEOUT}: the longest wait for any answer from the server
 *                         before the connection is given up (0: forever), for a server that cannot even cancel; keep
 *                         it above the statement timeout, so that slow statements are cancelled before this trips
 */
@ConfigurationProperties("seedcast.database")
record DatabaseProperties(@DefaultValue("30s") Duration statementTimeout, @DefaultValue("40s") Duration socketTimeout) {

    DatabaseProperties {
        if (statementTimeout.isNegative() || socketTimeout.isNegative()) {
            throw new IllegalArgumentException("seedcast.database: timeouts must not be negative");
        }
    }
}
