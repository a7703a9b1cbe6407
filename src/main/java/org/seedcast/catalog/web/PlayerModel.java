package org.seedcast.catalog.web;

import java.util.List;

import org.seedcast.catalog.Companions;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the player fragment needs, the same on the episode page and in the embed. */
@Component
class PlayerModel {

    private final Companions companions;

    PlayerModel(Companions companions) {
        this.companions = companions;
    }

    /** Adds {@code poster}, {@code transcript} (its path, or null) and {@code chapters} for a published episode. */
    void addTo(Model model, EpisodeView episode, ShowView show) {
        Companions.Present present = companions.presentFor(List.of(episode.id())).get(episode.id());
        model.addAttribute("poster", show.artworkPath());
        model.addAttribute("transcript", present.transcript() ? episode.pagePath() + "/transcript.vtt" : null);
        model.addAttribute("chapters", present.chapters() ? companions.publishedChapterList(episode.id()) : List.of());
    }
}
