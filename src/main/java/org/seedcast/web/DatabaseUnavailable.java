package org.seedcast.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page or a filter (the session lookup, before any controller) that finds the database out of
 * reach or too slow to answer gets 503 with {@code Retry-After}, answered here rather than by the
 * container's error page: rendering that page would look up the same session in the same
 * database, fail again, and end as a bare 500. The API's controllers answer the same 503 as a
 * problem detail themselves ({@link ApiErrors}), by the same test ({@link #causeOf}).
 */
final class DatabaseUnavailable extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final Set<Class<? extends Exception>> UNAVAILABLE = Set.of(CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, QueryTimeoutException.class, TransientDataAccessResourceException.class);
    /** What the caller is told, here and by {@link ApiErrors}: nothing changed, and when to try again. */
    static final String DETAIL = "The database is not reachable right now; nothing was changed. Retry in a few seconds.";
    static final String RETRY_AFTER_SECONDS = "5";
    /** Hikari's answer on a connection it evicted after a connection error. */
    private static final String CLOSED_BY_POOL = "Connection is closed";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            Throwable cause = causeOf(e);
            if (cause == null || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable for {}: {}", Refusals.path(request), cause.getMessage());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Refusals.refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
        }
    }

    /**
     * The exception in {@code e}'s causes that says the database is out of reach or too slow, or
     * null. By type, or by the driver's SQL state (a connection exception, class 08, or a statement
     * cancelled for running too long). A transaction whose connection broke ends in a rollback on
     * that connection, which the pool has closed by then: that exception replaces the first one
     * (Spring Session's session lookup does this), and only the pool's message still says why.
     */
    static Throwable causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (unavailableType(t) || t instanceof SQLException sql && unavailable(sql)) {
                return t;
            }
        }
        return null;
    }

    private static boolean unavailableType(Throwable t) {
        return t instanceof SQLTransientConnectionException || UNAVAILABLE.stream().anyMatch(type -> type.isInstance(t));
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return state != null ? state.startsWith("08") || state.equals("57014") : CLOSED_BY_POOL.equals(e.getMessage());
    }
}
