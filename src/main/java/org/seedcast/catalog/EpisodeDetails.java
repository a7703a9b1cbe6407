package org.seedcast.catalog;

/** The editable part of an episode, validated: build one with {@link #of}. */
public record EpisodeDetails(String title, String description, Integer season, Integer episodeNumber) {

    /**
     * @throws InvalidInputException naming the first field that is not acceptable
     */
    public static EpisodeDetails of(String title, String description, Integer season, Integer episodeNumber) {
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > 300) {
            throw new InvalidInputException("title", "a title has 1 to 300 characters");
        }
        String cleanDescription = description == null ? "" : description.strip();
        if (cleanDescription.length() > 50_000) {
            throw new InvalidInputException("description", "show notes have at most 50,000 characters");
        }
        if (season != null && (season < 1 || season > 10_000)) {
            throw new InvalidInputException("season", "a season is a number from 1 to 10000");
        }
        if (episodeNumber != null && (episodeNumber < 1 || episodeNumber > 1_000_000)) {
            throw new InvalidInputException("episodeNumber", "an episode number is from 1 to 1000000");
        }
        return new EpisodeDetails(cleanTitle, cleanDescription, season, episodeNumber);
    }
}
