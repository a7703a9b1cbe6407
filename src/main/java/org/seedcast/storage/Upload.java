package org.seedcast.storage;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.seedcast.torrent.TorrentFormat;

/**
 * A tus upload in progress; the bytes received so far are its file in the uploads directory, or
 * with {@code SEEDCAST_STORAGE=s3} its segments in the bucket ({@link UploadSegments}).
 */
@Entity
@Table(name = "uploads")
class Upload {

    @Id
    private UUID id;

    @Column(name = "show_id", nullable = false)
    private long showId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private long length;

    @Enumerated(EnumType.STRING)
    @Column(name = "torrent_format", nullable = false)
    private TorrentFormat torrentFormat;

    @Column(name = "media_type")
    private String mediaType;

    @Column(name = "episode_id")
    private Long episodeId;

    /** The media id its bytes are moved to, chosen and saved before the move so a retry finds them. */
    @Column(name = "media_id")
    private UUID mediaId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * The bytes committed to the bucket (s3 only); written by {@link UploadSegments} alone, never by a
     * save of this entity, which may hold an older value.
     */
    @Column(insertable = false, updatable = false)
    private long received;

    @Version
    private Integer version;

    protected Upload() {
    }

    Upload(UUID id, long showId, long accountId, String fileName, String title, long length, TorrentFormat format,
           Instant now) {
        this.id = id;
        this.torrentFormat = format;
        this.showId = showId;
        this.accountId = accountId;
        this.fileName = fileName;
        this.title = title;
        this.length = length;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID getId() {
        return id;
    }

    long getShowId() {
        return showId;
    }

    long getAccountId() {
        return accountId;
    }

    String getFileName() {
        return fileName;
    }

    String getTitle() {
        return title;
    }

    long getLength() {
        return length;
    }

    TorrentFormat getTorrentFormat() {
        return torrentFormat;
    }

    String getMediaType() {
        return mediaType;
    }

    Long getEpisodeId() {
        return episodeId;
    }

    UUID getMediaId() {
        return mediaId;
    }

    long getReceived() {
        return received;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    boolean isComplete() {
        return episodeId != null;
    }

    void recognised(String mediaType, Instant now) {
        this.mediaType = mediaType;
        this.updatedAt = now;
    }

    void adopting(UUID mediaId, Instant now) {
        this.mediaId = mediaId;
        this.updatedAt = now;
    }

    void touched(Instant now) {
        this.updatedAt = now;
    }

    void completed(long episodeId, Instant now) {
        this.episodeId = episodeId;
        this.updatedAt = now;
    }
}
