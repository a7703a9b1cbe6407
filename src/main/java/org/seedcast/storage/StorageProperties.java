package org.seedcast.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where media lives and how big an upload may be.
 *
 * @param dataDir {@code SEEDCAST_DATA_DIR}: media files live in {@code media/}, uploads in progress in {@code uploads/}
 * @param uploads upload limits
 */
@ConfigurationProperties("seedcast")
record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Uploads uploads) {

    /**
     * @param maxSize          the largest media file accepted ({@code SEEDCAST_UPLOADS_MAX_SIZE}), 20 GB by default
     * @param freeSpaceReserve space a new upload must leave free on the data disk, which it shares with the
     *                         embedded database ({@code SEEDCAST_UPLOADS_FREE_SPACE_RESERVE})
     * @param maxUnfinished    unfinished resumable uploads one user may hold at once ({@code SEEDCAST_UPLOADS_MAX_UNFINISHED})
     * @param idleHasher       how long an upload's piece hasher stays in memory without an append; it is
     *                         rebuilt from the bytes on disk when the upload resumes
     */
    record Uploads(@DefaultValue("20GB") DataSize maxSize, @DefaultValue("1GB") DataSize freeSpaceReserve,
                   @DefaultValue("8") int maxUnfinished, @DefaultValue("10m") Duration idleHasher) {
    }

    Path mediaDir() {
        return dataDir.toAbsolutePath().normalize().resolve("media");
    }

    Path uploadsDir() {
        return dataDir.toAbsolutePath().normalize().resolve("uploads");
    }
}
