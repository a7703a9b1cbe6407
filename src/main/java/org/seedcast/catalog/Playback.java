package org.seedcast.catalog;

import java.util.Locale;

/**
 * How a browser can play an episode's media, judged by its container: the HTML element that plays
 * it, or none where browsers do not play the format (Matroska, QuickTime, AVI, MPEG streams) and the
 * downloads are the way to watch it.
 */
public enum Playback {
    VIDEO("video"),
    AUDIO("audio"),
    NONE(null);

    private final String element;

    Playback(String element) {
        this.element = element;
    }

    /** The playback of a media type {@code storage.MediaKind} sniffed; {@link #NONE} for anything else. */
    public static Playback of(String mediaType) {
        return switch (mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT)) {
            case "video/mp4", "video/webm" -> VIDEO;
            case "audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/flac", "audio/aac" -> AUDIO;
            default -> NONE;
        };
    }

    /** The element that plays it, {@code video} or {@code audio}; null for {@link #NONE}. */
    public String element() {
        return element;
    }

    public boolean playable() {
        return this != NONE;
    }
}
