package org.seedcast.catalog;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Podcasting 2.0 JSON chapters: an object with a {@code version} and a {@code chapters} array whose
 * entries start at {@code startTime} seconds, in order, with an optional {@code title}. Podcast
 * apps fetch the file the feed names; the player lists the chapters.
 *
 * @see <a href="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md">JSON chapters</a>
 */
public final class Chapters {

    /** The media type the feed's {@code podcast:chapters} names. */
    public static final String MEDIA_TYPE = "application/json+chapters";
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_CHAPTERS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Chapters() {
    }

    /** One chapter as the player lists it. */
    public record Chapter(double startTime, String title) {

        /** {@code 1:02:03}, or {@code 2:03} under an hour. */
        public String start() {
            long s = (long) startTime;
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format("%d:%02d", s / 60, s % 60);
        }
    }

    /**
     * The chapters of {@code json}, checked: the first reason it is not a chapters file is an
     * {@link InvalidInputException} on the {@code chapters} field.
     */
    static List<Chapter> parse(String json) {
        if (json.length() > MAX_BYTES) {
            throw invalid("the chapters file is larger than 256 KB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw invalid(e.getLocation() == null ? "this is not JSON"
                    : "this is not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject() || !root.path("version").isString() || !root.path("chapters").isArray()) {
            throw invalid("a chapters file is an object with a \"version\" and a \"chapters\" array");
        }
        JsonNode entries = root.path("chapters");
        if (entries.size() > MAX_CHAPTERS) {
            throw invalid("at most " + MAX_CHAPTERS + " chapters");
        }
        List<Chapter> chapters = new ArrayList<>();
        double previous = -1;
        for (JsonNode entry : entries) {
            int n = chapters.size() + 1;
            JsonNode start = entry.path("startTime");
            if (!start.isNumber() || start.asDouble() < 0) {
                throw invalid("chapter " + n + " needs a \"startTime\" in seconds, 0 or more");
            }
            if (start.asDouble() < previous) {
                throw invalid("chapter " + n + " starts before the one above it: list them in order");
            }
            JsonNode title = entry.path("title");
            if (!title.isMissingNode() && !title.isString()) {
                throw invalid("chapter " + n + "'s \"title\" must be text");
            }
            previous = start.asDouble();
            chapters.add(new Chapter(previous, title.isString() ? title.asString() : "Chapter " + n));
        }
        return chapters;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("chapters", message);
    }
}
