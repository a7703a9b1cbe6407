package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class DatabaseTimeoutsTests {

    private static final DatabaseProperties DEFAULTS = new DatabaseProperties(Duration.ofSeconds(30), Duration.ofSeconds(40));

    @Test
    void boundsAConnectionWithNoSettingsOfItsOwn() {
        Properties driver = new Properties();
        DatabaseTimeouts.bound(driver, DEFAULTS);
        assertThat(driver).containsEntry("socketTimeout", "40").containsEntry("options", "-c statement_timeout=30000");
    }

    @Test
    void keepsWhatTheOperatorGaveThePool() {
        Properties driver = new Properties();
        driver.setProperty("socketTimeout", "90");
        driver.setProperty("options", "-c search_path=seedcast -c statement_timeout=2min");
        DatabaseTimeouts.bound(driver, DEFAULTS);
        assertThat(driver).containsEntry("socketTimeout", "90")
                .containsEntry("options", "-c search_path=seedcast -c statement_timeout=2min");
    }

    @Test
    void addsTheStatementTimeoutToOtherOptions() {
        Properties driver = new Properties();
        driver.setProperty("options", "-c search_path=seedcast");
        DatabaseTimeouts.bound(driver, DEFAULTS);
        assertThat(driver).containsEntry("options", "-c search_path=seedcast -c statement_timeout=30000");
    }

    @Test
    void roundsAShortSocketTimeoutUpToAWholeSecondRatherThanToNone() {
        Properties driver = new Properties();
        DatabaseTimeouts.bound(driver, new DatabaseProperties(Duration.ZERO, Duration.ofMillis(300)));
        assertThat(driver).containsEntry("socketTimeout", "1").containsEntry("options", "-c statement_timeout=0");
    }
}
