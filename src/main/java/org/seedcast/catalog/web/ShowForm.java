package org.seedcast.catalog.web;

import org.seedcast.catalog.ShowDetails;
import org.seedcast.catalog.ShowView;

/** The show form's fields, bound by Spring MVC and validated by {@link ShowDetails#of}. */
public class ShowForm {

    private String slug = "";
    private String title = "";
    private String description = "";
    private String author = "";
    private String language = "en";
    private String category = "";
    private boolean explicit;
    private String torrentFormat = "v1";

    static ShowForm of(ShowView show) {
        ShowForm form = new ShowForm();
        form.slug = show.slug();
        form.title = show.title();
        form.description = show.description();
        form.author = show.author();
        form.language = show.language();
        form.category = show.category();
        form.explicit = show.explicit();
        form.torrentFormat = show.torrentFormat();
        return form;
    }

    ShowDetails details() {
        return ShowDetails.of(slug, title, description, author, language, category, explicit, torrentFormat);
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public boolean isExplicit() { return explicit; }
    public void setExplicit(boolean explicit) { this.explicit = explicit; }
    public String getTorrentFormat() { return torrentFormat; }
    public void setTorrentFormat(String torrentFormat) { this.torrentFormat = torrentFormat; }
}
