package org.seedcast.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.seedcast.storage.StoredMedia;

/**
 * An episode of a show. Its GUID and media file name are fixed when it is created, so editing
 * the title or notes never changes what feeds and torrents identify it by.
 */
@Entity
@Table(name = "episodes")
class Episode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "show_id", nullable = false)
    private long showId;

    @Column(nullable = false, unique = true)
    private UUID guid;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String description;

    private Integer season;

    @Column(name = "episode_number")
    private Integer episodeNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EpisodeStatus status;

    @Column(name = "publish_at")
    private Instant publishAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "media_id")
    private UUID mediaId;

    @Column(name = "media_file_name")
    private String mediaFileName;

    @Column(name = "media_type")
    private String mediaType;

    @Column(name = "media_size")
    private Long mediaSize;

    @Column(name = "media_sha256")
    private String mediaSha256;

    @Column(name = "publish_failure")
    private String publishFailure;

    @Column(name = "publish_attempts", nullable = false)
    private int publishAttempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    // The media facts are written only by EpisodeRepository.recordFacts, in a statement of their own: a producer's
    // edit that loaded the episode before the facts arrived never writes them back stale, and reading them never
    // makes the producer's edit fail on the version.
    @Enumerated(EnumType.STRING)
    @Column(name = "facts_state", updatable = false)
    private MediaFacts.State factsState;

    @Column(name = "duration_ms", updatable = false)
    private Long durationMillis;

    @Column(updatable = false)
    private Integer width;

    @Column(updatable = false)
    private Integer height;

    @Column(updatable = false)
    private String container;

    @Column(name = "video_codec", updatable = false)
    private String videoCodec;

    @Column(name = "audio_codec", updatable = false)
    private String audioCodec;

    @Column(name = "poster_id", updatable = false)
    private UUID posterId;

    @Column(name = "facts_problem", updatable = false)
    private String factsProblem;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected Episode() {
    }

    /** @param probing whether its media facts will be read in the background: they are pending until then */
    Episode(long showId, EpisodeDetails details, StoredMedia media, String fileName, boolean probing, Instant now) {
        this.showId = showId;
        this.guid = UUID.randomUUID();
        this.status = EpisodeStatus.DRAFT;
        this.createdAt = now;
        this.mediaId = media.id();
        this.mediaFileName = fileName;
        this.mediaType = media.mediaType();
        this.mediaSize = media.size();
        this.mediaSha256 = media.sha256();
        this.factsState = probing ? MediaFacts.State.PENDING : null;
        describe(details, now);
    }

    UUID getPosterId() {
        return posterId;
    }

    MediaFacts facts() {
        return factsState == null ? MediaFacts.none() : new MediaFacts(factsState, durationMillis, width, height,
                container, videoCodec, audioCodec, posterId, factsProblem);
    }

    /** Something that goes with it changed (its chapters, its transcript): feeds and pages date it from now. */
    void touch(Instant now) {
        updatedAt = now;
    }

    void describe(EpisodeDetails details, Instant now) {
        this.title = details.title();
        this.description = details.description();
        this.season = details.season();
        this.episodeNumber = details.episodeNumber();
        this.updatedAt = now;
    }

    /**
     * Publishes now, or schedules for {@code when} if that lies in the future.
     *
     * @throws InvalidInputException when there is no media to publish
     */
    void publish(Instant when, Instant now) {
        if (mediaId == null) {
            throw new InvalidInputException("file", "an episode needs its media file before it can be published");
        }
        if (when != null && when.isAfter(now)) {
            status = EpisodeStatus.SCHEDULED;
            publishAt = when;
        } else {
            status = EpisodeStatus.PUBLISHED;
            publishAt = null;
            publishedAt = now;
        }
        clearFailure();
        updatedAt = now;
    }

    /** Whether the schedule should try to publish it at {@code now}: scheduled, due, and not waiting after a failure. */
    boolean isDue(Instant now) {
        return status == EpisodeStatus.SCHEDULED && publishAt != null && !publishAt.isAfter(now)
                && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }

    /**
     * Publishes a scheduled episode whose time has come. It is dated at its scheduled time, not at
     * the run of the schedule that noticed it (which may come long after a restart).
     */
    void publishScheduled(Instant now) {
        Instant scheduled = publishAt;
        publish(null, now);
        if (scheduled != null && scheduled.isBefore(now)) {
            publishedAt = scheduled;
        }
    }

    /** The scheduled publication failed: it stays scheduled, says why, and waits {@code retryAfter} before the next try. */
    void publishFailed(String reason, Instant now, Duration retryAfter) {
        publishFailure = reason;
        publishAttempts++;
        nextAttemptAt = now.plus(retryAfter);
        updatedAt = now;
    }

    int getPublishAttempts() {
        return publishAttempts;
    }

    private void clearFailure() {
        publishFailure = null;
        publishAttempts = 0;
        nextAttemptAt = null;
    }

    /** Back to draft: the public no longer sees it. */
    void withdraw(Instant now) {
        status = EpisodeStatus.DRAFT;
        publishAt = null;
        publishedAt = null;
        clearFailure();
        updatedAt = now;
    }

    boolean isPublished() {
        return status == EpisodeStatus.PUBLISHED;
    }

    Long getId() {
        return id;
    }

    long getShowId() {
        return showId;
    }

    UUID getMediaId() {
        return mediaId;
    }

    EpisodeView view(String showSlug) {
        return new EpisodeView(id, showId, showSlug, guid, title, description, season, episodeNumber, status,
                publishAt, publishedAt, mediaId, mediaFileName, mediaType, mediaSize, mediaSha256, createdAt, updatedAt,
                publishFailure, facts());
    }
}
