package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class StoragePropertiesTests {

    @Test
    void theBucketsSecretKeyNeverShowsInToString() {
        StorageProperties.S3 s3 = new StorageProperties.S3(URI.create("http://minio:9000"), "media", "us-east-1",
                "seedcast", "hunter2-bucket-secret");

        assertThat(s3.toString()).doesNotContain("hunter2-bucket-secret").contains("http://minio:9000").contains("media");
        assertThat(new StorageProperties(null, null, StorageProperties.Backend.S3, s3, null).toString())
                .doesNotContain("hunter2-bucket-secret");
    }
}
