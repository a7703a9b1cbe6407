package org.seedcast.catalog.web;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.MediaFacts;
import org.seedcast.catalog.TorrentLinks;

/**
 * An episode in the REST API, as the contract names its fields; {@code publishFailure} says why a
 * scheduled publication failed (it stays scheduled and is retried later); {@code facts} what ffprobe read
 * from its media.
 */
record EpisodeResource(long id, String showSlug, UUID guid, String title, String description, Integer season,
                       Integer episodeNumber, String status, String fileName, String mediaType, Long size,
                       String sha256, String infoHash, String infoHashV2, String magnet, String torrentUrl,
                       String mediaUrl, Instant publishAt, Instant publishedAt, String publishFailure,
                       Facts facts) {

    /**
     * @param state          {@code none} (no ffprobe), {@code pending}, {@code known} or {@code unreadable}
     * @param posterUrl      the poster frame, once the episode is published and has one
     * @param browserProblem why browsers will not play the file, or null when they will
     * @param readProblem    why ffprobe could not read it ({@code unreadable})
     */
    record Facts(String state, Long durationSeconds, Integer width, Integer height, String container,
                 String videoCodec, String audioCodec, String posterUrl, String browserProblem, String readProblem) {

        static Facts of(EpisodeView e, CatalogProperties site) {
            MediaFacts f = e.facts();
            return new Facts(f.state().name().toLowerCase(Locale.ROOT), f.durationSeconds(), f.width(), f.height(),
                    f.container(), f.videoCodec(), f.audioCodec(),
                    e.isPublished() && e.posterPath() != null ? site.absolute(e.posterPath()) : null,
                    e.browserProblem(), f.problem());
        }
    }


    static EpisodeResource of(EpisodeView e, TorrentLinks.Links links, CatalogProperties site) {
        return new EpisodeResource(e.id(), e.showSlug(), e.guid(), e.title(), e.description(), e.season(),
                e.episodeNumber(), e.status().name(), e.fileName(), e.mediaType(), e.size(), e.sha256(),
                links == null ? null : links.infoHash(), links == null ? null : links.infoHashV2(),
                links == null ? null : links.magnet(), links == null ? null : links.torrentUrl(),
                e.isPublished() ? site.absolute(e.mediaPath()) : null, e.publishAt(), e.publishedAt(),
                e.publishFailure(), Facts.of(e, site));
    }
}
