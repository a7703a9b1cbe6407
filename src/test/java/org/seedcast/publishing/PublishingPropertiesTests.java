package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PublishingPropertiesTests {

    @Test
    void theKeystorePasswordNeverShowsInToString() {
        PublishingProperties properties = new PublishingProperties("com.example.shows",
                new PublishingProperties.Keystore(Path.of("/etc/seedcast/publisher.p12"), "hunter2-keystore", "seedcast"));

        assertThat(properties.toString()).doesNotContain("hunter2-keystore").contains("/etc/seedcast/publisher.p12");
        assertThat(properties.keystore().toString()).doesNotContain("hunter2-keystore");
    }
}
