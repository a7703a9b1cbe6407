package org.seedcast.catalog.web;

import org.seedcast.catalog.EpisodeDetails;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.InvalidInputException;

/** The episode form's fields, validated by {@link EpisodeDetails#of}. */
public class EpisodeForm {

    private String title = "";
    private String description = "";
    private String season;
    private String episodeNumber;

    static EpisodeForm of(EpisodeView episode) {
        EpisodeForm form = new EpisodeForm();
        form.title = episode.title();
        form.description = episode.description();
        form.season = episode.season() == null ? "" : episode.season().toString();
        form.episodeNumber = episode.episodeNumber() == null ? "" : episode.episodeNumber().toString();
        return form;
    }

    EpisodeDetails details() {
        return EpisodeDetails.of(title, description, number(season, "season"), number(episodeNumber, "episodeNumber"));
    }

    private static Integer number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a whole number, or empty");
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getSeason() { return season; }
    public void setSeason(String season) { this.season = season; }
    public String getEpisodeNumber() { return episodeNumber; }
    public void setEpisodeNumber(String episodeNumber) { this.episodeNumber = episodeNumber; }
}
