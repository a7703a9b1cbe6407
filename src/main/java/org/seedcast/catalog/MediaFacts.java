package org.seedcast.catalog;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What ffprobe read from an episode's media: its duration, picture size, container and codecs, and the poster
 * frame taken from it; whether browsers play it. All {@code null} but the state while nothing is known.
 *
 * @param state    whether anything was read
 * @param problem  why the file could not be read ({@link State#UNREADABLE}), for the producer
 * @param posterId the stored poster frame, a JPEG; null without video or ffmpeg
 */
public record MediaFacts(State state, Long durationMillis, Integer width, Integer height, String container,
                         String videoCodec, String audioCodec, UUID posterId, String problem) {

    /** How far reading the facts got. */
    public enum State {
        /** Nothing was read: ffprobe is not installed (or was not when the file came). */
        NONE,
        /** Queued or being read, in the background. */
        PENDING,
        /** Read. */
        KNOWN,
        /** ffprobe could not read the file. */
        UNREADABLE
    }

    /**
     * Per media type (the container, as sniffed), the codecs that Chromium, Firefox and Safari all play; a codec
     * outside them plays in some browsers at most (HEVC in MP4), or in none (MPEG-4 Part 2, AC-3).
     */
    private static final Map<String, Set<String>> VIDEO = Map.of(
            "video/mp4", Set.of("h264", "vp9", "av1"),
            "video/webm", Set.of("vp8", "vp9", "av1"));
    private static final Set<String> PCM = Set.of("pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le");
    private static final Map<String, Set<String>> AUDIO = Map.of(
            "video/mp4", Set.of("aac", "mp3", "opus", "flac"),
            "video/webm", Set.of("opus", "vorbis"),
            "audio/mp4", Set.of("aac", "mp3", "opus", "flac"),
            "audio/mpeg", Set.of("mp3"),
            "audio/ogg", Set.of("vorbis", "opus", "flac"),
            "audio/flac", Set.of("flac"),
            "audio/wav", PCM,
            "audio/aac", Set.of("aac"));

    /** Nothing read. */
    public static MediaFacts none() {
        return new MediaFacts(State.NONE, null, null, null, null, null, null, null, null);
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    public boolean known() {
        return state == State.KNOWN;
    }

    public Duration duration() {
        return durationMillis == null ? null : Duration.ofMillis(durationMillis);
    }

    /** Whole seconds, rounded, as {@code itunes:duration} takes them; null when unknown. */
    public Long durationSeconds() {
        return durationMillis == null ? null : (durationMillis + 500) / 1000;
    }

    /** {@code 1:02:03} or {@code 2:03}; null when unknown. */
    public String durationText() {
        Long seconds = durationSeconds();
        if (seconds == null) {
            return null;
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** {@code 1280×720}; null without video. */
    public String dimensions() {
        return width == null || height == null ? null : width + "×" + height;
    }

    /** The codecs, video first: {@code h264 + aac}; null when none is known. */
    public String codecs() {
        if (videoCodec == null && audioCodec == null) {
            return null;
        }
        return videoCodec == null ? audioCodec : audioCodec == null ? videoCodec : videoCodec + " + " + audioCodec;
    }

    /**
     * Why browsers will not play a file of {@code mediaType} with these codecs, for the producer; null when they
     * will, and when the codecs are not known (only the container is then judged, by {@link Playback}).
     */
    public String browserProblem(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (!Playback.of(type).playable()) {
            return "browsers do not play its format (" + mediaType + ")";
        }
        if (!known()) {
            return null;
        }
        if (videoCodec != null && !VIDEO.getOrDefault(type, Set.of()).contains(videoCodec)) {
            return "not every browser plays its video codec (" + videoCodec + ")";
        }
        if (audioCodec != null && !AUDIO.getOrDefault(type, Set.of()).contains(audioCodec)) {
            return "not every browser plays its audio codec (" + audioCodec + ")";
        }
        return null;
    }
}
