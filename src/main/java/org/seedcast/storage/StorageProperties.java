package org.seedcast.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Seedcast keeps its files and how big an upload may be. The one binding of
 * {@code seedcast.data-dir} and {@code seedcast.uploads.*}: the other modules that keep files
 * under the data directory (the embedded database, the publisher's key, the tracker's
 * connection-id key, the web app's multipart spool) and the multipart limit read them here.
 *
 * @param dataDir {@code SEEDCAST_DATA_DIR}: everything Seedcast keeps on disk lives under it: media files in
 *                {@code media/}, uploads in progress in {@code uploads/}, the embedded database in
 *                {@code postgres/}, the publisher's key in {@code publisher/}, the tracker's state in {@code tracker/}
 * @param uploads upload limits
 */
@ConfigurationProperties("seedcast")
public record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Uploads uploads) {

    /**
     * @param maxSize          the largest media file accepted ({@code SEEDCAST_UPLOADS_MAX_SIZE}), resumable or as
     *                         one multipart body
     * @param freeSpaceReserve space a new upload must leave free on the data disk, which it shares with the
     *                         embedded database ({@code SEEDCAST_UPLOADS_FREE_SPACE_RESERVE})
     * @param maxUnfinished    unfinished resumable uploads one user may hold at once ({@code SEEDCAST_UPLOADS_MAX_UNFINISHED})
     * @param idleHasher       how long an upload's piece hasher stays in memory without an append; it is
     *                         rebuilt from the bytes on disk when the upload resumes
     */
    public record Uploads(@DefaultValue("20GB") DataSize maxSize, @DefaultValue("1GB") DataSize freeSpaceReserve,
                          @DefaultValue("8") int maxUnfinished, @DefaultValue("10m") Duration idleHasher) {
    }

    /** {@code name} under the data directory, as an absolute path. */
    public Path inDataDir(String name) {
        return dataDir.toAbsolutePath().normalize().resolve(name);
    }

    Path mediaDir() {
        return inDataDir("media");
    }

    Path uploadsDir() {
        return inDataDir("uploads");
    }
}
