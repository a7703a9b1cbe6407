package org.seedcast.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refused sign-ins over real HTTP reach the audit page, one row per user name and address a minute. A refusal is
 * counted before its 401 is sent; the tests then run the flush themselves rather than wait for its schedule.
 */
@IntegrationTest
class RefusedSignInsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FailedSignIns failedSignIns;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestClock clock;

    Http admin;

    @BeforeEach
    void client() {
        admin = Http.at(port).as("admin", "admin-secret-1");
    }

    @Test
    void refusedSignInsAreAudited() {
        String who = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
        Http wrong = Http.at(port).as(who, "not-a-password");

        assertThat(wrong.get("/api/admin/bans").statusCode()).isEqualTo(401);
        failedSignIns.flush();

        assertThat(auditPage(who)).contains("sign-in refused").contains(who);
    }

    @Test
    void aFloodOfBadCredentialsIsOneAuditRowPerUserAndAddressAMinute() {
        clock.pin(Instant.now()); // the flood falls in one minute, whatever second the wall clock is at
        try {
            String who = "flooder-" + UUID.randomUUID().toString().substring(0, 8);
            String other = "flooder-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 8; i++) { // fewer than the throttle allows a user name
                assertThat(Http.at(port).as(who, "guess-" + i).get("/api/admin/bans").statusCode()).isEqualTo(401);
            }
            assertThat(Http.at(port).as(other, "guess").get("/api/admin/bans").statusCode()).isEqualTo(401);
            failedSignIns.flush();

            assertThat(auditPage(who)).contains("sign-in refused 8 times in the minute from")
                    .contains("BadCredentialsException").contains("127.0.0.1");
            assertThat(auditPage(other)).contains("sign-in refused: BadCredentialsException");
            assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = ?", Long.class, who)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = ?", Long.class, other)).isEqualTo(1);
        } finally {
            clock.release();
        }
    }

    private String auditPage(String query) {
        return admin.get("/admin/audit?q=" + query).body();
    }
}
