package org.seedcast.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.seedcast.storage.MediaDirectory;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which media the public may fetch. Web seeds ask for the same files thousands of times a
 * second, so answers are cached and dropped when the catalog changes.
 */
@Component
class CatalogMedia implements MediaDirectory {

    private static final int MAX_CACHED = 10_000;

    private final EpisodeRepository episodes;
    private final ShowRepository shows;
    private final Map<Long, Published> byEpisode = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    CatalogMedia(EpisodeRepository episodes, ShowRepository shows) {
        this.episodes = episodes;
        this.shows = shows;
    }

    /**
     * A look-up that raced with a change may have read the state before it; the generation tells,
     * and such an answer is served once but not kept (otherwise a withdrawn episode's file could stay
     * public until the next change). A change bumps the generation before it removes, so an answer
     * stored after the removal sees the new generation and removes itself.
     */
    @Override
    public Optional<PublicMedia> publishedMedia(long episodeId) {
        return Optional.ofNullable(published(episodeId).media());
    }

    @Override
    public Optional<PublicMedia> episodePoster(long episodeId) {
        return Optional.ofNullable(published(episodeId).poster());
    }

    /** A published episode's media and poster; both null for any other. */
    private record Published(PublicMedia media, PublicMedia poster) {
    }

    private Published published(long episodeId) {
        Published cached = byEpisode.get(episodeId);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Published published = load(episodeId);
        if (byEpisode.size() >= MAX_CACHED) {
            byEpisode.clear();
        }
        byEpisode.put(episodeId, published);
        if (generation.get() != before) {
            byEpisode.remove(episodeId, published);
        }
        return published;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PublicMedia> showArtwork(String showSlug) {
        return shows.findBySlug(showSlug).filter(show -> show.getArtworkId() != null)
                .map(show -> new PublicMedia(show.getArtworkId(), "artwork", show.getArtworkType(), -1,
                        show.getArtworkId().toString().replace("-", ""), show.getUpdatedAt()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        generation.incrementAndGet();
        if (change.episodeId() != null) {
            byEpisode.remove(change.episodeId());
        } else {
            byEpisode.clear();
        }
    }

    private Published load(long episodeId) {
        return episodes.findById(episodeId).filter(Episode::isPublished).map(e -> e.view(""))
                .map(v -> new Published(new PublicMedia(v.mediaId(), v.fileName(), v.mediaType(), v.size(), v.sha256(),
                        v.publishedAt()), poster(v)))
                .orElse(new Published(null, null));
    }

    private static PublicMedia poster(EpisodeView episode) {
        UUID id = episode.facts().posterId();
        return id == null ? null
                : new PublicMedia(id, "poster.jpg", "image/jpeg", -1, id.toString().replace("-", ""), episode.updatedAt());
    }
}
