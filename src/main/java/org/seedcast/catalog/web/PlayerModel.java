package org.seedcast.catalog.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.catalog.CatalogChanged;
import org.seedcast.catalog.Chapters;
import org.seedcast.catalog.Companions;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.ui.Model;

/**
 * What the player fragment needs, the same on the episode page and in the embed. An episode's
 * transcript link and chapter list are kept until the catalog changes, so a page view costs no
 * query for them; only published episodes are kept, and at most {@link #MAX_KEPT}.
 */
@Component
class PlayerModel {

    static final int MAX_KEPT = 10_000;

    private record Extras(String transcript, List<Chapters.Chapter> chapters) {
    }

    private final Companions companions;
    private final Map<Long, Extras> kept = new ConcurrentHashMap<>();

    PlayerModel(Companions companions) {
        this.companions = companions;
    }

    /** Adds {@code poster} (its frame, else the show's artwork), {@code transcript} (its path, or null) and {@code chapters} for a published episode. */
    void addTo(Model model, EpisodeView episode, ShowView show) {
        Extras extras = kept.get(episode.id());
        if (extras == null) {
            extras = load(episode);
            if (kept.size() >= MAX_KEPT) {
                kept.clear(); // cheap to load again; bounds what any number of episodes can hold
            }
            kept.put(episode.id(), extras);
        }
        model.addAttribute("poster", episode.posterPath() != null ? episode.posterPath() : show.artworkPath());
        model.addAttribute("transcript", extras.transcript());
        model.addAttribute("chapters", extras.chapters());
    }

    private Extras load(EpisodeView episode) {
        Companions.Present present = companions.presentFor(List.of(episode.id())).get(episode.id());
        return new Extras(present.transcript() ? episode.transcriptPath() : null,
                present.chapters() ? companions.publishedChapterList(episode.id()) : List.of());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        if (change.episodeId() == null) {
            kept.clear();
        } else {
            kept.remove(change.episodeId());
        }
    }
}
