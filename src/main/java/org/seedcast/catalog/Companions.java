package org.seedcast.catalog;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.seedcast.accounts.SeedcastUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What goes with an episode besides its media: Podcasting 2.0 chapters and a transcript. Producers
 * set them on their shows' episodes (the same rights as editing the episode); fans, feeds and the
 * player read them once the episode is published.
 */
@Service
public class Companions {

    private final EpisodeCompanionRepository companions;
    private final EpisodeRepository episodes;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Companions(EpisodeCompanionRepository companions, EpisodeRepository episodes, Catalog catalog,
               ApplicationEventPublisher events, Clock clock) {
        this.companions = companions;
        this.episodes = episodes;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    /** Which companions an episode has. */
    public record Present(long episodeId, boolean chapters, boolean transcript) {

        static Present none(long episodeId) {
            return new Present(episodeId, false, false);
        }
    }

    /** A published episode's chapters file, as the producer gave it. */
    @Transactional(readOnly = true)
    public Optional<String> publishedChapters(long episodeId) {
        return published(episodeId).map(EpisodeCompanion::chapters);
    }

    /** A published episode's chapters, as the player lists them. */
    @Transactional(readOnly = true)
    public List<Chapters.Chapter> publishedChapterList(long episodeId) {
        return publishedChapters(episodeId).map(Chapters::parse).orElse(List.of());
    }

    /** A published episode's transcript, in WebVTT. */
    @Transactional(readOnly = true)
    public Optional<String> publishedTranscript(long episodeId) {
        return published(episodeId).map(EpisodeCompanion::transcript);
    }

    /** Which of these episodes have chapters or a transcript; every id is in the map. */
    @Transactional(readOnly = true)
    public Map<Long, Present> presentFor(Collection<Long> episodeIds) {
        Map<Long, Present> found = episodeIds.isEmpty() ? Map.of() : companions.presentFor(episodeIds).stream()
                .collect(Collectors.toMap(Present::episodeId, Function.identity()));
        return episodeIds.stream().distinct()
                .collect(Collectors.toMap(Function.identity(), id -> found.getOrDefault(id, Present.none(id))));
    }

    /** The chapters and transcript of an episode {@code viewer} manages, for the studio; empty texts when none. */
    @Transactional(readOnly = true)
    public Map<String, String> forEditing(long episodeId, SeedcastUser viewer) {
        catalog.requireManagedEpisode(episodeId, viewer);
        EpisodeCompanion c = companions.findById(episodeId).orElse(new EpisodeCompanion(episodeId));
        return Map.of("chapters", c.chapters() == null ? "" : c.chapters(),
                "transcript", c.transcript() == null ? "" : c.transcript());
    }

    /** Sets the episode's chapters (checked first), or removes them when {@code json} is blank. */
    @Transactional
    public void setChapters(long episodeId, String json, SeedcastUser actor) {
        EpisodeView episode = catalog.requireManagedEpisode(episodeId, actor);
        String chapters = json == null || json.isBlank() ? null : json.strip();
        if (chapters != null) {
            Chapters.parse(chapters);
        }
        change(episode, c -> c.chapters(chapters, clock.instant()));
    }

    /** Sets the episode's transcript from WebVTT or SRT, or removes it when {@code text} is blank. */
    @Transactional
    public void setTranscript(long episodeId, String text, SeedcastUser actor) {
        EpisodeView episode = catalog.requireManagedEpisode(episodeId, actor);
        String transcript = text == null || text.isBlank() ? null : Transcripts.toWebVtt(text);
        change(episode, c -> c.transcript(transcript, clock.instant()));
    }

    private void change(EpisodeView episode, Consumer<EpisodeCompanion> edit) {
        Optional<EpisodeCompanion> stored = companions.findById(episode.id());
        EpisodeCompanion companion = stored.orElseGet(() -> new EpisodeCompanion(episode.id()));
        edit.accept(companion);
        if (!companion.isEmpty()) {
            companions.save(companion);
        } else if (stored.isPresent()) {
            companions.delete(companion);
        }
        episodes.findById(episode.id()).ifPresent(e -> e.touch(clock.instant()));
        events.publishEvent(new CatalogChanged(episode.showId(), episode.id()));
    }

    private Optional<EpisodeCompanion> published(long episodeId) {
        return catalog.publishedEpisode(episodeId).flatMap(e -> companions.findById(episodeId));
    }
}
