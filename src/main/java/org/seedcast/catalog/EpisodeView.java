package org.seedcast.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * An episode as pages, feeds, the publishing module and the API see it; {@code publishFailure} says
 * why its scheduled publication failed (it stays scheduled and is retried later), else {@code null};
 * {@code facts} what ffprobe read from its media (never null: {@link MediaFacts.State#NONE} when nothing).
 */
public record EpisodeView(long id, long showId, String showSlug, UUID guid, String title, String description,
                          Integer season, Integer episodeNumber, EpisodeStatus status, Instant publishAt,
                          Instant publishedAt, UUID mediaId, String fileName, String mediaType, Long size,
                          String sha256, Instant createdAt, Instant updatedAt, String publishFailure,
                          MediaFacts facts) {

    public boolean isPublished() {
        return status == EpisodeStatus.PUBLISHED;
    }

    /**
     * How browsers play its media: in a video or audio element, or not at all. Judged by its container, and once
     * its codecs are known by them too (an MP4 of HEVC gets no player; an MP4 of only audio an audio player).
     */
    public Playback playback() {
        Playback byContainer = Playback.of(mediaType);
        if (!facts.known() || !byContainer.playable()) {
            return byContainer;
        }
        if (browserProblem() != null) {
            return Playback.NONE;
        }
        return facts.videoCodec() == null ? Playback.AUDIO : Playback.VIDEO;
    }

    /** Why browsers will not play its media (its format or codecs), for the producer; null when they will. */
    public String browserProblem() {
        return facts.browserProblem(mediaType);
    }

    /** Where fans get its poster frame, once it is published and has one; null when it has none. */
    public String posterPath() {
        return facts.posterId() == null ? null : pagePath() + "/poster.jpg";
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
