package org.seedcast.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogChanged;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.ConflictException;
import org.seedcast.catalog.EpisodePublished;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.EpisodeWithdrawn;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.TorrentFormatConverter;
import org.seedcast.catalog.TorrentLinks;
import org.seedcast.storage.MediaStore;
import org.seedcast.torrent.InfoHash;
import org.seedcast.torrent.InfoHashV2;
import org.seedcast.torrent.InvalidTorrentException;
import org.seedcast.torrent.MagnetLink;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.PublisherIdentity;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.TorrentFormat;
import org.seedcast.torrent.TorrentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns a published episode into its signed torrent (hybrid or v1, web seed, our tracker) from
 * the piece hashes computed while it was uploaded, in the same transaction that publishes the
 * episode; then tells the tracker ({@link TorrentPublished}). Withdrawing does the reverse. The
 * .torrent served and the magnet carry the web-seed mirrors set now ({@link WebSeedMirrors}).
 */
@Service
public class Publishing implements TorrentLinks {

    private static final Logger log = LoggerFactory.getLogger(Publishing.class);
    static final String CREATED_BY = "Seedcast 0.1";

    private final TorrentRepository torrents;
    private final Catalog catalog;
    private final MediaStore mediaStore;
    private final PublisherIdentity identity;
    private final CatalogProperties site;
    private final TrackerAddress tracker;
    private final AdvertisedSeed seed;
    private final WebSeedMirrors mirrors;
    /** The tracker's further hosts' announce URLs, added to every torrent served. */
    private final List<URI> moreTrackers;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Long, Optional<Links>> linksCache = new ConcurrentHashMap<>();

    Publishing(TorrentRepository torrents, Catalog catalog, MediaStore mediaStore, PublisherIdentity identity,
               CatalogProperties site, TrackerAddress tracker, AdvertisedSeed seed, WebSeedMirrors mirrors,
               ApplicationEventPublisher events, Clock clock) {
        this.torrents = torrents;
        this.catalog = catalog;
        this.mediaStore = mediaStore;
        this.identity = identity;
        this.site = site;
        this.tracker = tracker;
        this.seed = seed;
        this.mirrors = mirrors;
        this.moreTrackers = tracker.moreAnnounceUrls();
        this.events = events;
        this.clock = clock;
    }

    /** Every published torrent, for the tracker to load at start. */
    @Transactional(readOnly = true)
    public List<TorrentPublished> published() {
        List<TorrentPublished> all = new ArrayList<>();
        for (TorrentRepository.PublishedHashes h : torrents.findPublishedHashes()) {
            try {
                all.add(event(h.episodeId(), h.infoHash(), h.infoHashV2(), h.length() == null ? 0 : h.length()));
            } catch (IllegalArgumentException e) {
                // one damaged row must not hide every published torrent from the tracker and the admin pages
                log.warn("skipping the published torrent of episode {}: unreadable info-hash ({})", h.episodeId(),
                        e.getMessage());
            }
        }
        return all;
    }

    /**
     * Every published torrent with what a seed serves it from (its signed .torrent, its media file),
     * for the seeder to load at start. A torrent whose media file is gone is left out and logged.
     */
    @Transactional(readOnly = true)
    public List<Seedable> seedable() {
        List<Seedable> all = new ArrayList<>();
        for (TorrentRepository.PublishedHashes h : torrents.findPublishedHashes()) {
            seedable(h.episodeId()).ifPresent(all::add);
        }
        return all;
    }

    /** A published episode's torrent and media file, as {@link #seedable()} lists them. */
    @Transactional(readOnly = true)
    public Optional<Seedable> seedable(long episodeId) {
        Optional<TorrentRecord> record = torrents.findById(episodeId).filter(TorrentRecord::isPublished);
        Optional<EpisodeView> episode = catalog.episode(episodeId);
        if (record.isEmpty() || episode.isEmpty() || episode.get().mediaId() == null) {
            return Optional.empty();
        }
        UUID mediaId = episode.get().mediaId();
        var file = mediaStore.find(mediaId);
        if (file.isEmpty()) {
            log.warn("not seeding episode {}: its media file {} is missing", episodeId, mediaId);
            return Optional.empty();
        }
        try {
            return Optional.of(new Seedable(episodeId, Torrent.parse(record.get().getTorrent()), mediaId, file.get(),
                    episode.get().publishedAt()));
        } catch (InvalidTorrentException e) {
            log.warn("not seeding episode {}: its stored torrent is unreadable ({})", episodeId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The signed .torrent of a published episode, by its v1 (40 hex) or v2 (64 hex) info-hash, as
     * served: with the mirrors and tracker hosts set now. Its version (for an ETag) changes with them.
     */
    @Transactional(readOnly = true)
    public Optional<TorrentFile> torrentFile(String infoHashHex) {
        String hex = infoHashHex.toLowerCase(Locale.ROOT);
        Optional<TorrentRecord> record = hex.length() == 64
                ? torrents.findByInfoHashV2AndPublishedTrue(hex) : torrents.findByInfoHashAndPublishedTrue(hex);
        return record.map(this::torrentFile);
    }

    /** Parses the stored torrent once, for its file name and, when it is rewritten, its served bytes. */
    private TorrentFile torrentFile(TorrentRecord record) {
        Optional<Torrent> stored = readable(record.getTorrent());
        // a damaged row is still served under its info-hash where it needs no rewriting
        String fileName = stored.map(Torrent::name).orElse(record.getInfoHash()) + ".torrent";
        byte[] bytes = servedAsStored() ? record.getTorrent()
                : servedTorrent(record, stored.orElseGet(() -> parseStored(record))).bytes();
        String mirrorsVersion = servedAsStored() ? "" : "-" + Integer.toHexString(Objects.hash(mirrors, moreTrackers));
        return new TorrentFile(record.getEpisodeId(), fileName, bytes, record.getUpdatedAt(),
                record.getInfoHash() + "-" + record.getUpdatedAt().toEpochMilli() + mirrorsVersion);
    }

    /** Whether a torrent is served as signed and stored: no mirrors and no further tracker hosts to add. */
    private boolean servedAsStored() {
        return mirrors.isEmpty() && moreTrackers.isEmpty();
    }

    @Override
    public Optional<Links> forEpisode(long episodeId) {
        return linksCache.computeIfAbsent(episodeId, id -> torrents.findById(id)
                .filter(TorrentRecord::isPublished).map(this::links));
    }

    @EventListener
    @Transactional
    void on(EpisodePublished published) {
        EpisodeView episode = published.episode();
        ShowView show = catalog.requireShow(episode.showSlug());
        TorrentFormat format = TorrentFormatConverter.parse(show.torrentFormat());
        Torrent unsigned = Torrent.create(spec(episode, show), hashesOf(episode, format));
        Torrent signed = identity.sign(unsigned, episode.guid().toString(), episode.publishedAt());
        String v1 = signed.infoHash().toHex();
        String v2 = signed.infoHashV2().map(InfoHashV2::toHex).orElse(null);
        requireUnclaimed(episode, v1, v2);
        TorrentRecord record = torrents.findById(episode.id()).orElseGet(() -> new TorrentRecord(episode.id(), clock.instant()));
        record.publish(v1, v2, signed.bytes(), clock.instant());
        torrents.save(record);
        log.info("Published episode {} as torrent {}{}", episode.id(), record.getInfoHash(),
                record.getInfoHashV2() == null ? "" : " (v2 " + record.getInfoHashV2() + ")");
        events.publishEvent(event(record.getEpisodeId(), record.getInfoHash(), record.getInfoHashV2(), signed.length()));
    }

    /** Drops cached links once a change is committed, so no reader caches the state before it. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        if (change.episodeId() != null) {
            linksCache.remove(change.episodeId());
        } else if (change.equals(CatalogChanged.ANYTHING)) {
            linksCache.clear();
        }
    }

    @EventListener
    @Transactional
    void on(EpisodeWithdrawn withdrawn) {
        torrents.findById(withdrawn.episode().id()).filter(TorrentRecord::isPublished).ifPresent(record -> {
            record.withdraw(clock.instant());
            events.publishEvent(new TorrentWithdrawn(record.getEpisodeId(), InfoHash.fromHex(record.getInfoHash()),
                    truncatedV2(record.getInfoHashV2())));
        });
    }

    /**
     * The same bytes under the same file name make the same info dictionary, so the same torrent;
     * an info-hash identifies one episode (its swarm, its statistics, its .torrent URL), so the
     * second publication is refused with the name of the episode that holds it.
     */
    private void requireUnclaimed(EpisodeView episode, String v1, String v2) {
        Optional<TorrentRecord> holder = torrents.findByInfoHash(v1)
                .or(() -> v2 == null ? Optional.empty() : torrents.findByInfoHashV2(v2))
                .filter(other -> other.getEpisodeId() != episode.id());
        if (holder.isEmpty()) {
            return;
        }
        long otherId = holder.get().getEpisodeId();
        String named = catalog.episode(otherId)
                .map(other -> "\u201c" + other.title() + "\u201d (episode " + otherId + " of "
                        + catalog.requireShow(other.showSlug()).title() + ", " + other.status().name().toLowerCase(Locale.ROOT) + ")")
                .orElse("episode " + otherId);
        throw new ConflictException("This media file (same bytes, same file name) already makes the torrent of "
                + named + ", and a torrent belongs to one episode only. Publish that episode instead, or delete it"
                + " first, or upload a different file.",
                Map.of("existingEpisodeId", otherId, "infoHash", v1));
    }

    private TorrentSpec spec(EpisodeView episode, ShowView show) {
        return new TorrentSpec(episode.fileName(), tracker.announceUrls(site.publicUrl()),
                List.of(URI.create(site.absolute(episode.mediaPath()))),
                show.title() + " — " + site.absolute(episode.pagePath()),
                CREATED_BY, episode.publishedAt());
    }

    /** The hashes computed during the upload, or a pass over the stored file when they are missing or of another format. */
    private PieceHashes hashesOf(EpisodeView episode, TorrentFormat format) {
        Optional<PieceHashes> kept = mediaStore.hashes(episode.mediaId()).filter(h -> h.format() == format);
        if (kept.isPresent()) {
            return kept.get();
        }
        mediaStore.find(episode.mediaId())
                .orElseThrow(() -> new ConflictException("The media file of episode " + episode.id()
                        + " is missing from the media directory, so it cannot be published; upload it again as a new episode."));
        log.info("Hashing the media of episode {} anew for a {} torrent", episode.id(), format);
        try {
            return mediaStore.hashAnew(episode.mediaId(), format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Links links(TorrentRecord record) {
        Torrent torrent = servedTorrent(record, parseStored(record));
        MagnetLink magnet = torrent.magnetLink();
        for (InetSocketAddress peer : seed.magnetPeers()) {
            magnet = magnet.withPeer(peer);
        }
        return new Links(record.getInfoHash(), record.getInfoHashV2(), magnet.toString(),
                site.absolute("/torrents/" + record.getInfoHash() + ".torrent"), torrent.bytes().length);
    }

    /**
     * The stored, signed .torrent with the mirrors set now after our own web seed, and the tracker's
     * further hosts after its own.
     */
    private Torrent servedTorrent(TorrentRecord record, Torrent stored) {
        Torrent withTrackers = stored.withMoreTrackers(moreTrackers);
        if (mirrors.isEmpty()) {
            return withTrackers;
        }
        return catalog.episode(record.getEpisodeId())
                .map(episode -> withTrackers.withMoreWebSeeds(mirrors.of(episode.mediaPath()))).orElse(withTrackers);
    }

    private static Torrent parseStored(TorrentRecord record) {
        try {
            return Torrent.parse(record.getTorrent());
        } catch (InvalidTorrentException e) {
            throw new IllegalStateException("stored torrent of episode " + record.getEpisodeId() + " is unreadable", e);
        }
    }

    private static Optional<Torrent> readable(byte[] bytes) {
        try {
            return Optional.of(Torrent.parse(bytes));
        } catch (InvalidTorrentException e) {
            return Optional.empty();
        }
    }

    private static TorrentPublished event(long episodeId, String v1Hex, String v2Hex, long length) {
        return new TorrentPublished(episodeId, InfoHash.fromHex(v1Hex), truncatedV2(v2Hex), length);
    }

    private static InfoHash truncatedV2(String v2Hex) {
        return v2Hex == null ? null : InfoHashV2.fromHex(v2Hex).truncated();
    }

    /**
     * A signed .torrent as served: its episode, a readable file name, its bytes, when it was signed,
     * and a version that changes with the bytes.
     */
    public static final class TorrentFile {
        private final long episodeId;
        private final String fileName;
        private final byte[] bytes;
        private final Instant lastModified;
        private final String version;

        TorrentFile(long episodeId, String fileName, byte[] bytes, Instant lastModified, String version) {
            this.episodeId = episodeId;
            this.fileName = fileName;
            this.bytes = bytes;
            this.lastModified = lastModified;
            this.version = version;
        }

        public long episodeId() {
            return episodeId;
        }

        public String fileName() {
            return fileName;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public Instant lastModified() {
            return lastModified;
        }

        /** Changes with the stored torrent and with the mirrors: an entity tag's value. */
        public String version() {
            return version;
        }
    }
}
