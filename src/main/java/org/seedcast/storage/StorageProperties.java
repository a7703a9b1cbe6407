package org.seedcast.storage;

import java.nio.file.Path;

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

    /** @param maxSize the largest media file accepted ({@code SEEDCAST_UPLOADS_MAX_SIZE}), 20 GB by default */
    record Uploads(@DefaultValue("20GB") DataSize maxSize) {
    }

    Path mediaDir() {
        return dataDir.toAbsolutePath().normalize().resolve("media");
    }

    Path uploadsDir() {
        return dataDir.toAbsolutePath().normalize().resolve("uploads");
    }
}
