package org.seedcast.catalog;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.seedcast.storage.MediaKind;

/**
 * The name an episode's file is served and seeded under, derived once from the uploaded file's
 * name: ASCII letters, digits, dots, dashes and underscores, so it is safe in URLs, torrents and
 * every file system.
 */
final class StableFileName {

    private static final int MAX_LENGTH = 120;
    /** A trailing ".xyz" of up to 8 letters and digits with at least one letter: the uploader's extension. */
    private static final Pattern EXTENSION = Pattern.compile("\\.(?=[A-Za-z0-9]{0,7}[A-Za-z])[A-Za-z0-9]{1,8}$");

    private StableFileName() {
    }

    /**
     * The name for a file whose content was recognised as {@code mediaType}. The extension is the
     * one of that type, never the uploader's: a file that starts like an MP3 but is named
     * {@code x.hta} is served and seeded as {@code x.mp3}, so no fan receives a script by its name.
     */
    static String from(String original, String mediaType) {
        String extension = MediaKind.extensionOf(mediaType);
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        name = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("-+\\.", ".");
        name = trim(EXTENSION.matcher(trim(name)).replaceFirst(""));
        int room = MAX_LENGTH - extension.length() - 1;
        if (name.length() > room) {
            name = trim(name.substring(0, room));
        }
        return (name.isEmpty() ? "episode" : name) + "." + extension;
    }

    private static String trim(String name) {
        return name.replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
    }
}
