package org.seedcast.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeDetails;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.InvalidInputException;
import org.seedcast.catalog.TorrentFormatConverter;
import org.seedcast.catalog.TorrentLinks;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.StoredMedia;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Episodes over the REST API: plain multipart upload, edit, publish, unpublish, delete. */
@RestController
class EpisodeApiController {

    private final Catalog catalog;
    private final MediaStore mediaStore;
    private final CatalogProperties site;
    private final ObjectProvider<TorrentLinks> torrents;

    EpisodeApiController(Catalog catalog, MediaStore mediaStore, CatalogProperties site,
                         ObjectProvider<TorrentLinks> torrents) {
        this.catalog = catalog;
        this.mediaStore = mediaStore;
        this.site = site;
        this.torrents = torrents;
    }

    @GetMapping("/api/shows/{slug}/episodes")
    List<EpisodeResource> list(@PathVariable String slug, @AuthenticationPrincipal SeedcastUser user) {
        return catalog.episodesFor(slug, user).stream().map(this::resource).toList();
    }

    @PostMapping(path = "/api/shows/{slug}/episodes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<EpisodeResource> upload(@PathVariable String slug,
                                           @RequestParam(required = false) String title,
                                           @RequestParam(required = false) String description,
                                           @RequestParam(required = false) Integer season,
                                           @RequestParam(required = false) Integer episodeNumber,
                                           @RequestParam(required = false) MultipartFile file,
                                           @AuthenticationPrincipal SeedcastUser user) throws IOException {
        catalog.requireManager(slug, user);
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "attach the episode's audio or video as the part named file");
        }
        EpisodeDetails details = EpisodeDetails.of(title != null ? title : file.getOriginalFilename(), description,
                season, episodeNumber);
        StoredMedia media;
        try (InputStream in = file.getInputStream()) {
            media = mediaStore.importMedia(in, file.getSize(), TorrentFormatConverter.parse(catalog.requireShow(slug).torrentFormat()));
        }
        try {
            EpisodeView episode = catalog.createEpisode(slug, details, media, file.getOriginalFilename(), user);
            return ResponseEntity.created(URI.create("/api/episodes/" + episode.id())).body(resource(episode));
        } catch (RuntimeException e) {
            mediaStore.delete(media.id());
            throw e;
        }
    }

    @GetMapping("/api/episodes/{id}")
    EpisodeResource get(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user) {
        return resource(catalog.episodeFor(id, user));
    }

    @PutMapping("/api/episodes/{id}")
    EpisodeResource update(@PathVariable long id, @RequestBody EpisodeRequest request,
                           @AuthenticationPrincipal SeedcastUser user) {
        EpisodeDetails details = EpisodeDetails.of(request.title(), request.description(), request.season(),
                request.episodeNumber());
        return resource(catalog.updateEpisode(id, details, user));
    }

    @Operation(summary = "Publish now, or schedule with publishAt",
            description = "409 (problem detail with existingEpisodeId) when another episode's torrent has the same"
                    + " info-hash: the same bytes under the same file name make the same torrent, and a torrent belongs"
                    + " to one episode. 409 too when the media file is missing or the episode changed meanwhile.")
    @PostMapping("/api/episodes/{id}/publish")
    EpisodeResource publish(@PathVariable long id, @RequestBody(required = false) PublishRequest request,
                            @AuthenticationPrincipal SeedcastUser user) {
        Instant when = request == null ? null : request.publishAt();
        return resource(catalog.publish(id, when, user));
    }

    @PostMapping("/api/episodes/{id}/unpublish")
    EpisodeResource unpublish(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user) {
        return resource(catalog.withdraw(id, user));
    }

    @Operation(summary = "Delete a draft and its media",
            description = "The media file is deleted once the episode's deletion is committed; 409 when the episode"
                    + " changed meanwhile, 400 when it is published (unpublish it first).")
    @DeleteMapping("/api/episodes/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user) {
        catalog.deleteEpisode(id, user);
        return ResponseEntity.noContent().build();
    }

    private EpisodeResource resource(EpisodeView episode) {
        TorrentLinks links = torrents.getIfAvailable();
        TorrentLinks.Links torrent = links == null || !episode.isPublished() ? null
                : links.forEpisode(episode.id()).orElse(null);
        return EpisodeResource.of(episode, torrent, site);
    }

    record EpisodeRequest(String title, String description, Integer season, Integer episodeNumber) {
    }

    /** @param publishAt a future time schedules the episode; absent or past publishes now */
    record PublishRequest(Instant publishAt) {
    }
}
