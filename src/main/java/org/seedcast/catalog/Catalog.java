package org.seedcast.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.storage.MediaProbe;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.StoredMedia;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shows and episodes, and who may change them: admins every show, producers the shows they
 * manage. Every method that changes something takes the acting user and checks it here, so
 * pages and the API enforce the same rules.
 */
@Service
public class Catalog {

    private static final Duration RETRY_FIRST = Duration.ofMinutes(1);
    private static final Duration RETRY_MAX = Duration.ofHours(1);

    private final ShowRepository shows;
    private final EpisodeRepository episodes;
    private final MediaStore mediaStore;
    private final MediaProbe probe;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Catalog(ShowRepository shows, EpisodeRepository episodes, MediaStore mediaStore, MediaProbe probe,
            ApplicationEventPublisher events, Clock clock) {
        this.shows = shows;
        this.episodes = episodes;
        this.mediaStore = mediaStore;
        this.probe = probe;
        this.events = events;
        this.clock = clock;
    }

    // ---- shows ----

    @Transactional(readOnly = true)
    public List<ShowView> allShows() {
        return shows.findAllByOrderByTitleAsc().stream().map(Show::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ShowView> show(String slug) {
        return shows.findBySlug(slug).map(Show::view);
    }

    @Transactional(readOnly = true)
    public ShowView requireShow(String slug) {
        return show(slug).orElseThrow(() -> new NotFoundException("No show with the slug " + slug + "."));
    }

    /** The shows {@code user} may change: every show for an admin. */
    @Transactional(readOnly = true)
    public List<ShowView> showsManagedBy(SeedcastUser user) {
        List<Show> managed = user.isAdmin() ? shows.findAllByOrderByTitleAsc() : shows.findManagedBy(user.id());
        return managed.stream().map(Show::view).toList();
    }

    @Transactional(readOnly = true)
    public boolean canManage(String slug, SeedcastUser user) {
        return user != null && shows.findBySlug(slug).map(show -> mayManage(show, user)).orElse(false);
    }

    /**
     * @throws NotFoundException for an unknown show
     * @throws AccessDeniedException when {@code user} does not manage it
     */
    @Transactional(readOnly = true)
    public void requireManager(String slug, SeedcastUser user) {
        managedShow(slug, user);
    }

    /**
     * Creates a show. Only admins may: producers manage the shows an admin assigned them, so a
     * stolen producer account cannot mint a show whose torrents the publisher key would sign.
     *
     * @throws AccessDeniedException when {@code actor} is not an admin
     */
    @Transactional
    public ShowView createShow(ShowDetails details, SeedcastUser actor) {
        requireShowCreator(actor);
        if (shows.existsBySlug(details.slug())) {
            throw new InvalidInputException("slug", "the slug " + details.slug() + " is taken");
        }
        return shows.save(new Show(details, clock.instant())).view();
    }

    /** @throws AccessDeniedException unless {@code user} may create shows (an admin) */
    public void requireShowCreator(SeedcastUser user) {
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Only admins create shows; an admin assigns producers their shows.");
        }
    }

    @Transactional
    public ShowView updateShow(String slug, ShowDetails details, SeedcastUser actor) {
        Show show = managedShow(slug, actor);
        show.describe(details, clock.instant());
        events.publishEvent(new CatalogChanged(show.getId(), null));
        return show.view();
    }

    @Transactional
    public ShowView replaceArtwork(String slug, StoredMedia image, SeedcastUser actor) {
        Show show = managedShow(slug, actor);
        UUID old = show.getArtworkId();
        show.replaceArtwork(image.id(), image.mediaType(), clock.instant());
        if (old != null) {
            mediaStore.deleteAfterCommit(old);
        }
        events.publishEvent(new CatalogChanged(show.getId(), null));
        return show.view();
    }

    /** Admins only: makes an account a producer of a show. */
    @Transactional
    public void assignProducer(String slug, long accountId, SeedcastUser actor) {
        requireAdmin(actor);
        requireShowEntity(slug).addProducer(accountId);
    }

    @Transactional
    public void unassignProducer(String slug, long accountId, SeedcastUser actor) {
        requireAdmin(actor);
        requireShowEntity(slug).removeProducer(accountId);
    }

    // ---- episodes ----

    @Transactional(readOnly = true)
    public List<EpisodeView> publishedEpisodes(String slug) {
        Show show = requireShowEntity(slug);
        return episodes.findPublished(show.getId()).stream().map(e -> e.view(slug)).toList();
    }

    /** The published episodes of these shows, newest first, in one query. */
    @Transactional(readOnly = true)
    public List<EpisodeView> publishedEpisodes(Collection<ShowView> of) {
        if (of.isEmpty()) {
            return List.of();
        }
        Map<Long, String> slugs = of.stream().collect(Collectors.toMap(ShowView::id, ShowView::slug, (a, b) -> a));
        return episodes.findPublishedOfShows(slugs.keySet()).stream()
                .map(e -> e.view(slugs.get(e.getShowId()))).toList();
    }

    /** All episodes for those who manage the show, published ones for everyone else. */
    @Transactional(readOnly = true)
    public List<EpisodeView> episodesFor(String slug, SeedcastUser viewer) {
        Show show = requireShowEntity(slug);
        List<Episode> list = viewer != null && mayManage(show, viewer)
                ? episodes.findAllOfShow(show.getId()) : episodes.findPublished(show.getId());
        return list.stream().map(e -> e.view(slug)).toList();
    }

    /** Any episode, whatever its status: for modules that must name it (never shown to the public as is). */
    @Transactional(readOnly = true)
    public Optional<EpisodeView> episode(long id) {
        return episodes.findById(id).map(this::view);
    }

    @Transactional(readOnly = true)
    public Optional<EpisodeView> publishedEpisode(long id) {
        return episodes.findById(id).filter(Episode::isPublished).map(this::view);
    }

    /**
     * An episode {@code actor} manages, for changing it or what goes with it: a draft of another's show
     * is not found, a published one is refused.
     */
    @Transactional(readOnly = true)
    public EpisodeView requireManagedEpisode(long id, SeedcastUser actor) {
        return view(managedEpisode(id, actor));
    }

    /** An episode as {@code viewer} may see it: drafts only for those who manage its show. */
    @Transactional(readOnly = true)
    public EpisodeView episodeFor(long id, SeedcastUser viewer) {
        Episode episode = episodes.findById(id).orElseThrow(() -> noEpisode(id));
        if (!episode.isPublished() && (viewer == null || !mayManage(showOf(episode), viewer))) {
            throw noEpisode(id);
        }
        return view(episode);
    }

    /** Creates a draft episode holding already stored media. */
    @Transactional
    public EpisodeView createEpisode(String slug, EpisodeDetails details, StoredMedia media, String originalFileName,
                                     SeedcastUser actor) {
        Show show = managedShow(slug, actor);
        return createEpisode(show, details, media, originalFileName).view(slug);
    }

    @Transactional
    public EpisodeView updateEpisode(long id, EpisodeDetails details, SeedcastUser actor) {
        Episode episode = managedEpisode(id, actor);
        episode.describe(details, clock.instant());
        events.publishEvent(new CatalogChanged(episode.getShowId(), episode.getId()));
        return view(episode);
    }

    /** Publishes now, or schedules for {@code when} when it lies in the future. */
    @Transactional
    public EpisodeView publish(long id, Instant when, SeedcastUser actor) {
        Episode episode = managedEpisode(id, actor);
        episode.publish(when, clock.instant());
        announce(episode);
        return view(episode);
    }

    /** Unpublishes: the episode becomes a draft again and disappears from public pages and feeds. */
    @Transactional
    public EpisodeView withdraw(long id, SeedcastUser actor) {
        Episode episode = managedEpisode(id, actor);
        boolean wasPublished = episode.isPublished();
        episode.withdraw(clock.instant());
        if (wasPublished) {
            events.publishEvent(new EpisodeWithdrawn(view(episode)));
        }
        events.publishEvent(new CatalogChanged(episode.getShowId(), episode.getId()));
        return view(episode);
    }

    /**
     * Deletes a draft and its media. Published episodes must be withdrawn first. The files go
     * only once the row's deletion commits, so a delete that fails keeps a publishable episode.
     */
    @Transactional
    public void deleteEpisode(long id, SeedcastUser actor) {
        Episode episode = managedEpisode(id, actor);
        if (episode.isPublished()) {
            throw new InvalidInputException("status", "unpublish the episode before deleting it");
        }
        episodes.delete(episode);
        if (episode.getMediaId() != null) {
            mediaStore.deleteAfterCommit(episode.getMediaId());
        }
        if (episode.getPosterId() != null) {
            mediaStore.deleteAfterCommit(episode.getPosterId());
        }
        events.publishEvent(new CatalogChanged(episode.getShowId(), episode.getId()));
    }

    /** The scheduled episodes whose time has come, oldest first. */
    @Transactional(readOnly = true)
    List<Long> dueEpisodes() {
        return episodes.findDue(clock.instant());
    }

    /**
     * Publishes one scheduled episode whose time has come, in a transaction of its own, so one
     * that fails (its media gone, its torrent held by another episode) holds back no other.
     *
     * @return whether it was published (false when it is no longer due: published, withdrawn or rescheduled meanwhile)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    boolean publishScheduled(long id) {
        Instant now = clock.instant();
        Episode episode = episodes.findById(id).filter(e -> e.isDue(now)).orElse(null);
        if (episode == null) {
            return false;
        }
        episode.publishScheduled(now);
        announce(episode);
        return true;
    }

    /**
     * Records why a scheduled publication failed. The episode stays scheduled and is tried again
     * after a delay that doubles with each failure, from one minute up to an hour; the producer
     * sees the reason in the studio. Nothing is recorded when another run already did.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void scheduledPublishFailed(long id, String reason) {
        Instant now = clock.instant();
        episodes.findById(id).filter(e -> e.isDue(now)).ifPresent(episode -> {
            Duration retryAfter = RETRY_FIRST.multipliedBy(1L << Math.min(episode.getPublishAttempts(), 6));
            episode.publishFailed(reason, now, retryAfter.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retryAfter);
            events.publishEvent(new CatalogChanged(episode.getShowId(), episode.getId()));
        });
    }

    Episode createEpisode(Show show, EpisodeDetails details, StoredMedia media, String originalFileName) {
        String fileName = StableFileName.from(originalFileName, media.mediaType());
        boolean probing = probe.available();
        Episode episode = episodes.save(new Episode(show.getId(), details, media, fileName, probing, clock.instant()));
        events.publishEvent(new CatalogChanged(show.getId(), episode.getId()));
        if (probing) {
            events.publishEvent(new EpisodeFacts.MediaArrived(episode.getId(), media.id()));
        }
        return episode;
    }

    Show requireShowEntity(String slug) {
        return shows.findBySlug(slug).orElseThrow(() -> new NotFoundException("No show with the slug " + slug + "."));
    }

    Show managedShow(String slug, SeedcastUser actor) {
        Show show = requireShowEntity(slug);
        if (!mayManage(show, actor)) {
            throw new AccessDeniedException("You do not manage the show " + slug + ".");
        }
        return show;
    }

    private void announce(Episode episode) {
        if (episode.isPublished()) {
            events.publishEvent(new EpisodePublished(view(episode)));
        }
        events.publishEvent(new CatalogChanged(episode.getShowId(), episode.getId()));
    }

    private Episode managedEpisode(long id, SeedcastUser actor) {
        Episode episode = episodes.findById(id).orElseThrow(() -> noEpisode(id));
        Show show = showOf(episode);
        if (!mayManage(show, actor)) {
            if (!episode.isPublished()) {
                throw noEpisode(id);
            }
            throw new AccessDeniedException("You do not manage the show " + show.getSlug() + ".");
        }
        return episode;
    }

    private Show showOf(Episode episode) {
        return shows.findById(episode.getShowId()).orElseThrow(() -> noEpisode(episode.getId()));
    }

    private EpisodeView view(Episode episode) {
        return episode.view(showOf(episode).getSlug());
    }

    private static boolean mayManage(Show show, SeedcastUser user) {
        return user.isAdmin() || show.isManagedBy(user.id());
    }

    private static void requireAdmin(SeedcastUser actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("Only admins assign producers.");
        }
    }

    private static NotFoundException noEpisode(long id) {
        return new NotFoundException("No episode " + id + ".");
    }
}
