package org.seedcast.storage;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses where finished media are kept ({@code SEEDCAST_STORAGE}). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    MediaObjects mediaObjects(StorageProperties properties) throws IOException {
        return switch (properties.storage()) {
            case FILESYSTEM -> new FileObjects(properties.mediaDir());
            case S3 -> new BucketObjects(BucketObjects.client(properties.s3()), properties.s3().bucket(),
                    BucketObjects.PART_SIZE);
        };
    }
}
