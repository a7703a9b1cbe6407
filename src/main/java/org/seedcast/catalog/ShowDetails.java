package org.seedcast.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

import org.seedcast.torrent.TorrentFormat;

/**
 * What a producer says about a show, validated: build one with {@link #of}.
 */
public record ShowDetails(String slug, String title, String description, String author, String language,
                          String category, boolean explicit, TorrentFormat torrentFormat) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    /**
     * @throws InvalidInputException naming the first field that is not acceptable
     */
    public static ShowDetails of(String slug, String title, String description, String author, String language,
                                 String category, boolean explicit, String torrentFormat) {
        String cleanSlug = trim(slug).toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(cleanSlug).matches()) {
            throw new InvalidInputException("slug",
                    "a slug has 1 to 64 lower-case letters, digits and dashes, and starts and ends with a letter or digit");
        }
        String cleanTitle = trim(title);
        if (cleanTitle.isEmpty() || cleanTitle.length() > 200) {
            throw new InvalidInputException("title", "a title has 1 to 200 characters");
        }
        String cleanLanguage = trim(language).isEmpty() ? "en" : trim(language);
        if (!LANGUAGE.matcher(cleanLanguage).matches()) {
            throw new InvalidInputException("language", "the language is a code like en, de or pt-BR");
        }
        String cleanDescription = trim(description);
        if (cleanDescription.length() > 10_000) {
            throw new InvalidInputException("description", "the description has at most 10,000 characters");
        }
        String cleanAuthor = limit(trim(author), "author", 200);
        String cleanCategory = limit(trim(category), "category", 100);
        return new ShowDetails(cleanSlug, cleanTitle, cleanDescription, cleanAuthor, cleanLanguage, cleanCategory,
                explicit, TorrentFormatConverter.parse(torrentFormat));
    }

    private static String trim(String text) {
        return text == null ? "" : text.strip();
    }

    private static String limit(String text, String field, int max) {
        if (text.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters");
        }
        return text;
    }
}
