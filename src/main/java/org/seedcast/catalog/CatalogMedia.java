package org.seedcast.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.seedcast.storage.MediaDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which media the public may fetch. Web seeds ask for the same files thousands of times a
 * second, so answers are cached and looked up again when the catalog changes. While the database
 * is out of reach, an answer that a change made stale is served on rather than none: a change
 * that would make it wrong (a withdrawal) needs the database too, and a change that does not (an
 * episode's media facts arriving in the background) must not stop the web seed.
 * <p>
 * Ids that name no published episode are remembered apart from the published ones, in a set of
 * their own: anybody can ask for any number of them, and they must never push out the entries
 * that fans' downloads need. Both are bounded; when one is full it starts over, the other is kept.
 */
@Component
class CatalogMedia implements MediaDirectory {

    private static final Logger log = LoggerFactory.getLogger(CatalogMedia.class);
    private static final int MAX_CACHED = 10_000;

    private final EpisodeRepository episodes;
    private final ShowRepository shows;
    private final Map<Long, Published> byEpisode = new ConcurrentHashMap<>();
    private final Set<Long> unpublished = ConcurrentHashMap.newKeySet();
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder lookups = new LongAdder();

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
    public Optional<PublicMedia> knownPublishedMedia(long episodeId) {
        Published cached = byEpisode.get(episodeId);
        return cached == null || cached.stale() ? Optional.empty() : Optional.ofNullable(cached.media());
    }

    @Override
    public Optional<PublicMedia> episodePoster(long episodeId) {
        return Optional.ofNullable(published(episodeId).poster());
    }

    /** A published episode's media and poster (both null for any other); stale once the catalog changed. */
    private record Published(PublicMedia media, PublicMedia poster, boolean stale) {

        static final Published NONE = new Published(null, null, false);

        Published asStale() {
            return new Published(media, poster, true);
        }
    }

    private Published published(long episodeId) {
        Published cached = byEpisode.get(episodeId);
        if (cached != null && !cached.stale()) {
            return cached;
        }
        if (cached == null && unpublished.contains(episodeId)) {
            return Published.NONE;
        }
        long before = generation.get();
        Published published;
        try {
            published = load(episodeId);
        } catch (DataAccessException | TransactionException e) {
            if (cached == null) {
                throw e;
            }
            log.debug("the database is out of reach: episode {}'s media as known before the last change", episodeId, e);
            return cached;
        }
        if (published == Published.NONE) {
            byEpisode.remove(episodeId);
            remember(unpublished, episodeId);
            if (generation.get() != before) {
                unpublished.remove(episodeId); // looked up again next time
            }
            return published;
        }
        if (byEpisode.size() >= MAX_CACHED) {
            byEpisode.clear();
        }
        byEpisode.put(episodeId, published);
        if (generation.get() != before) {
            byEpisode.replace(episodeId, published, published.asStale()); // looked up again next time
        }
        return published;
    }

    private static void remember(Set<Long> ids, long id) {
        if (ids.size() >= MAX_CACHED) {
            ids.clear();
        }
        ids.add(id);
    }

    /** How many times the database was asked which media an episode has: the cost the caches save. */
    long lookups() {
        return lookups.sum();
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
            byEpisode.computeIfPresent(change.episodeId(), (id, known) -> known.asStale());
            unpublished.remove(change.episodeId());
        } else {
            byEpisode.replaceAll((id, known) -> known.asStale());
            unpublished.clear();
        }
    }

    private Published load(long episodeId) {
        lookups.increment();
        return episodes.findById(episodeId).filter(Episode::isPublished).map(e -> e.view(""))
                .map(v -> new Published(new PublicMedia(v.mediaId(), v.fileName(), v.mediaType(), v.size(), v.sha256(),
                        v.publishedAt()), poster(v), false))
                .orElse(Published.NONE);
    }

    private static PublicMedia poster(EpisodeView episode) {
        UUID id = episode.facts().posterId();
        return id == null ? null
                : new PublicMedia(id, "poster.jpg", "image/jpeg", -1, id.toString().replace("-", ""), episode.updatedAt());
    }
}
