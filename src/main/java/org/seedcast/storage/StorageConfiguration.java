package org.seedcast.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.seedcast.scheduling.ClusterLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    /** Resumable uploads in the bucket, so that every web node continues them: only when media are there. */
    @Bean
    @ConditionalOnProperty(name = "seedcast.storage", havingValue = "s3")
    UploadSegments uploadSegments(MediaObjects objects, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                  ClusterLock cluster, StorageProperties properties, Clock clock) throws IOException {
        Path spoolDir = Files.createDirectories(properties.uploadsDir());
        UploadSegments.sweepSpools(spoolDir);
        return new UploadSegments(objects, jdbc, new TransactionTemplate(transactions), cluster, spoolDir,
                properties.uploads().segmentSize().toBytes(), clock);
    }
}
