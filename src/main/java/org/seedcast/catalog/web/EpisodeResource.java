package org.seedcast.catalog.web;

import java.time.Instant;
import java.util.UUID;

import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.TorrentLinks;

/**
 * An episode in the REST API, as the contract names its fields; {@code publishFailure} says why a
 * scheduled publication failed (it stays scheduled and is retried later).
 */
record EpisodeResource(long id, String showSlug, UUID guid, String title, String description, Integer season,
                       Integer episodeNumber, String status, String fileName, String mediaType, Long size,
                       String sha256, String infoHash, String infoHashV2, String magnet, String torrentUrl,
                       String mediaUrl, Instant publishAt, Instant publishedAt, String publishFailure) {

    static EpisodeResource of(EpisodeView e, TorrentLinks.Links links, CatalogProperties site) {
        return new EpisodeResource(e.id(), e.showSlug(), e.guid(), e.title(), e.description(), e.season(),
                e.episodeNumber(), e.status().name(), e.fileName(), e.mediaType(), e.size(), e.sha256(),
                links == null ? null : links.infoHash(), links == null ? null : links.infoHashV2(),
                links == null ? null : links.magnet(), links == null ? null : links.torrentUrl(),
                e.isPublished() ? site.absolute(e.mediaPath()) : null, e.publishAt(), e.publishedAt(),
                e.publishFailure());
    }
}
