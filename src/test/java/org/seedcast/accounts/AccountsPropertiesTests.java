package org.seedcast.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountsPropertiesTests {

    @Test
    void theFirstAdminPasswordNeverShowsInToString() {
        assertThat(new AccountsProperties("admin", "first-admin-secret").toString())
                .doesNotContain("first-admin-secret").contains("admin");
    }
}
