package org.seedcast.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a script is told when its change lost a race (F-13: an optimistic lock or a constraint) or
 * the database is away: a problem detail it can act on (409: read again and retry; 503 with
 * {@code Retry-After}), never a 500.
 */
class ApiErrorsTests {

    @RestController
    static class Failing {

        @PutMapping("/api/failing/{what}")
        void fail(@PathVariable String what) {
            throw switch (what) {
                case "version" -> new ObjectOptimisticLockingFailureException("Episode", 7L);
                case "constraint" -> new DataIntegrityViolationException("duplicate key value violates unique constraint");
                case "connection-lost" -> new UncategorizedSQLException("select", "select 1",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006"));
                case "statement-timeout" -> new UncategorizedSQLException("update", "update episodes",
                        new SQLException("canceling statement due to statement timeout", "57014"));
                case "closed-by-pool" -> new IllegalStateException("rollback failed",
                        new SQLException("Connection is closed"));
                case "bug" -> new IllegalStateException("a bug of ours");
                default -> new CannotCreateTransactionException("connection refused");
            };
        }
    }

    private final MockMvc api = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors()).build();

    @Test
    void aChangeThatLostARaceIsAConflictToRetryNotA500() throws Exception {
        for (String race : new String[] {"version", "constraint"}) {
            api.perform(put("/api/failing/" + race))
                    .andExpect(status().isConflict())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.detail").value(Matchers.containsString("nothing was changed")));
        }
    }

    @Test
    void aDatabaseOutOfReachIsA503WithRetryAfter() throws Exception {
        api.perform(put("/api/failing/database"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
    }

    /** The same test as pages get from {@link DatabaseUnavailable}: by the driver's SQL state and the pool's message too. */
    @Test
    void aLostConnectionATimedOutStatementAndAConnectionThePoolClosedAre503sLikeAnOutage() throws Exception {
        for (String outage : new String[] {"connection-lost", "statement-timeout", "closed-by-pool"}) {
            api.perform(put("/api/failing/" + outage))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.detail").value(Matchers.containsString("nothing was changed")));
        }
    }

    @Test
    void anyOtherErrorIsA500WithAReferenceAndNoStackTrace() throws Exception {
        api.perform(put("/api/failing/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("reference")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("a bug of ours"))));
    }
}
