package org.seedcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolsTests {

    private final String setting = System.getProperty("seedcast.requireTools");

    @AfterEach
    void restoreSetting() {
        if (setting == null) {
            System.clearProperty("seedcast.requireTools");
        } else {
            System.setProperty("seedcast.requireTools", setting);
        }
    }

    @Test
    void skipsWhenAToolIsMissingByDefault() {
        System.setProperty("seedcast.requireTools", "false");

        assertThatThrownBy(() -> RequiredTools.require("no-such-tool-seedcast"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no-such-tool-seedcast is not on the PATH: skipped");
    }

    @Test
    void failsWhenAToolIsMissingAndToolsAreRequired() {
        System.setProperty("seedcast.requireTools", "true");

        assertThatThrownBy(() -> RequiredTools.require("no-such-tool-seedcast"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seedcast.requireTools=true requires it");
    }

    @Test
    void findsAToolOnThePath() {
        assertThat(RequiredTools.require("sh")).isExecutable();
    }
}
