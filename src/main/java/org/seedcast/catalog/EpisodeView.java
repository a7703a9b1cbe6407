package org.seedcast.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * An episode as pages, feeds, the publishing module and the API see it; {@code publishFailure} says
 * why its scheduled publication failed (it stays scheduled and is retried later), else {@code null}.
 */
public record EpisodeView(long id, long showId, String showSlug, UUID guid, String title, String description,
                          Integer season, Integer episodeNumber, EpisodeStatus status, Instant publishAt,
                          Instant publishedAt, UUID mediaId, String fileName, String mediaType, Long size,
                          String sha256, Instant createdAt, Instant updatedAt, String publishFailure) {

    public boolean isPublished() {
        return status == EpisodeStatus.PUBLISHED;
    }

    /** How browsers play its media: in a video or audio element, or not at all. */
    public Playback playback() {
        return Playback.of(mediaType);
    }

    /** The path of its episode page: {@code /shows/{slug}/episodes/{id}}. */
    public String pagePath() {
        return "/shows/" + showSlug + "/episodes/" + id;
    }

    /** Where fans get its chapters, once it is published and has them. */
    public String chaptersPath() {
        return pagePath() + "/chapters.json";
    }

    /** Where fans get its transcript (WebVTT), once it is published and has one. */
    public String transcriptPath() {
        return pagePath() + "/transcript.vtt";
    }

    /** The path of its media, the web seed: {@code /media/{id}/{fileName}}. */
    public String mediaPath() {
        return "/media/" + id + "/" + fileName;
    }
}
