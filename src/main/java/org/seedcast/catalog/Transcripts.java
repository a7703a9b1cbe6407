package org.seedcast.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transcripts as the player's {@code <track>} and podcast apps read them: WebVTT, taken as it is, or
 * SubRip (SRT), turned into WebVTT on the way in (a header, and timestamps with a dot).
 *
 * @see <a href="https://www.w3.org/TR/webvtt1/">WebVTT</a>
 * @see <a href="https://podcasting2.org/docs/podcast-namespace/tags/transcript">podcast:transcript</a>
 */
public final class Transcripts {

    /** The media type it is served and named with. */
    public static final String MEDIA_TYPE = "text/vtt";
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern SRT_TIMING = Pattern.compile(
            "(?m)^(\\d{1,2}:\\d{2}:\\d{2}),(\\d{3})\\s*-->\\s*(\\d{1,2}:\\d{2}:\\d{2}),(\\d{3})");
    private static final Pattern VTT_TIMING = Pattern.compile("(?m)^(?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3}\\s+-->\\s+(?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3}");

    private Transcripts() {
    }

    /**
     * {@code text} as WebVTT: itself when it is WebVTT, converted when it is SRT; anything else is an
     * {@link InvalidInputException} on the {@code transcript} field.
     */
    static String toWebVtt(String text) {
        if (text.length() > MAX_BYTES) {
            throw invalid("the transcript is larger than 1 MB");
        }
        String body = (text.startsWith("\uFEFF") ? text.substring(1) : text).replace("\r\n", "\n").replace('\r', '\n');
        if (body.startsWith("WEBVTT")) {
            if (!VTT_TIMING.matcher(body).find()) {
                throw invalid("this WebVTT file has no cue (a line like 00:00:01.000 --> 00:00:04.000)");
            }
            return body;
        }
        Matcher timings = SRT_TIMING.matcher(body);
        if (!timings.find()) {
            throw invalid("a transcript is a WebVTT or SRT file with timed lines (00:00:01,000 --> 00:00:04,000)");
        }
        return "WEBVTT\n\n" + SRT_TIMING.matcher(body).replaceAll(m -> hours(m.group(1)) + "." + m.group(2) + " --> "
                + hours(m.group(3)) + "." + m.group(4)).strip() + "\n";
    }

    /** WebVTT's hours have two digits at least; SRT writers often give one. */
    private static String hours(String time) {
        return time.indexOf(':') == 1 ? "0" + time : time;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("transcript", message);
    }
}
