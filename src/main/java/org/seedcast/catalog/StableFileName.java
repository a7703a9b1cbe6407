package org.seedcast.catalog;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The name an episode's file is served and seeded under, derived once from the uploaded file's
 * name: ASCII letters, digits, dots, dashes and underscores, so it is safe in URLs, torrents and
 * every file system.
 */
final class StableFileName {

    private StableFileName() {
    }

    static String from(String original, String mediaType) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        name = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("-+\\.", ".");
        name = name.replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
        if (name.length() > 120) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 8 ? name.substring(dot) : "";
            name = name.substring(0, 120 - extension.length()) + extension;
        }
        if (name.isEmpty() || name.indexOf('.') < 0) {
            name = (name.isEmpty() ? "episode" : name) + "." + extensionFor(mediaType);
        }
        return name;
    }

    private static String extensionFor(String mediaType) {
        return switch (mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT)) {
            case "video/webm" -> "webm";
            case "video/x-matroska" -> "mkv";
            case "video/quicktime" -> "mov";
            case "audio/mpeg" -> "mp3";
            case "audio/mp4" -> "m4a";
            case "audio/ogg" -> "ogg";
            case "audio/flac" -> "flac";
            case "audio/wav" -> "wav";
            case "audio/aac" -> "aac";
            case "video/x-msvideo" -> "avi";
            case "video/mp2t" -> "ts";
            case "video/mpeg" -> "mpg";
            default -> "mp4";
        };
    }
}
