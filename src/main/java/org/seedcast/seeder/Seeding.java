package org.seedcast.seeder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.Seedable;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.MerkleLayers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the seed serves: every published torrent, read from publishing at start and then kept
 * current by its events, into the {@link SeedRegistry} the connections read; a periodic
 * {@link #reconcile} heals an event that was missed.
 */
final class Seeding {

    private static final Logger log = LoggerFactory.getLogger(Seeding.class);

    private final SeedRegistry registry;
    private final Publishing publishing;
    private final Function<UUID, Optional<MerkleLayers>> merkleLayers;
    private final SeederProperties settings;
    private final Clock clock;
    private final PieceCache pieces;
    /** Published episodes that could not be served (media file missing), not tried again by {@link #reconcile}. */
    private final Set<Long> unservable = ConcurrentHashMap.newKeySet();
    private Set<Long> unpublishedLastRound = Set.of();

    Seeding(SeedRegistry registry, Publishing publishing, Function<UUID, Optional<MerkleLayers>> merkleLayers,
            SeederProperties settings, Clock clock, PieceCache pieces) {
        this.registry = registry;
        this.publishing = publishing;
        this.merkleLayers = merkleLayers;
        this.settings = settings;
        this.clock = clock;
        this.pieces = pieces;
    }

    /** Loads every published torrent; throws when publishing cannot be read (the database is down). */
    void loadAll() {
        List<SeededTorrent> torrents = new ArrayList<>();
        for (Seedable seedable : publishing.seedable()) {
            seeded(seedable).ifPresent(torrents::add);
        }
        registry.replaceAll(torrents);
        log.info("the seed serves {} published torrents", torrents.size());
    }

    /**
     * Compares what is served with what is published, from the hashes alone, and heals a missed
     * event: a published torrent not served is loaded; one served but no longer published is
     * withdrawn when seen so twice in a row (the first time, its withdrawal may not have committed).
     * A served hybrid in a bucket whose layers were missing has them read again.
     */
    void reconcile() {
        List<TorrentPublished> published = publishing.published();
        Set<Long> publishedIds = new HashSet<>();
        for (TorrentPublished torrent : published) {
            publishedIds.add(torrent.episodeId());
            if (registry.find(torrent.v1()) == null && !unservable.contains(torrent.episodeId())) {
                log.warn("episode {} is published but was not seeded (a missed publish event): seeding it now",
                        torrent.episodeId());
                published(torrent.episodeId());
                if (registry.find(torrent.v1()) == null) {
                    unservable.add(torrent.episodeId()); // logged once; a restart tries again
                }
            }
        }
        Set<Long> gone = new HashSet<>();
        for (SeededTorrent served : registry.all()) {
            if (!publishedIds.contains(served.episodeId())) {
                gone.add(served.episodeId());
            }
            served.readLayers(); // a bucket's hybrid whose block hashes were kept since (LeafBackfill)
        }
        for (long episodeId : gone) {
            if (unpublishedLastRound.contains(episodeId)) {
                log.warn("episode {} is no longer published (a missed withdraw event): no longer seeded", episodeId);
                withdrawn(episodeId);
            }
        }
        unpublishedLastRound = gone;
    }

    void published(long episodeId) {
        publishing.seedable(episodeId).flatMap(this::seeded).ifPresent(registry::add);
    }

    void withdrawn(long episodeId) {
        if (registry.remove(episodeId)) {
            log.info("the seed no longer serves episode {}", episodeId);
        }
    }

    private Optional<SeededTorrent> seeded(Seedable seedable) {
        try {
            Choker choker = new Choker(settings.unchokeSlots(), () -> spreading(seedable.publishedAt()),
                    new SplittableRandom());
            SeededTorrent torrent = new SeededTorrent(seedable, merkleLayers, choker, pieces);
            torrent.readLayers();
            return Optional.of(torrent);
        } catch (IllegalArgumentException e) {
            log.warn("not seeding episode {}: {}", seedable.episodeId(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether an episode published then is still in its first hours, when spreading applies. */
    private boolean spreading(Instant publishedAt) {
        Duration spreading = settings.spreading();
        return spreading.isPositive() && publishedAt != null && clock.instant().isBefore(publishedAt.plus(spreading));
    }
}
