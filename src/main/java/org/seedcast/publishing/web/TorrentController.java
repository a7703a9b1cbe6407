package org.seedcast.publishing.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentDownloaded;
import org.seedcast.torrent.PublisherIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/** Signed torrents and the certificate that signs them. */
@RestController
class TorrentController {

    static final MediaType BITTORRENT = MediaType.parseMediaType("application/x-bittorrent");

    private final Publishing publishing;
    private final PublisherIdentity identity;
    private final ApplicationEventPublisher events;

    TorrentController(Publishing publishing, PublisherIdentity identity, ApplicationEventPublisher events) {
        this.publishing = publishing;
        this.identity = identity;
        this.events = events;
    }

    @GetMapping("/torrents/{infoHash:[0-9a-fA-F]{40}|[0-9a-fA-F]{64}}.torrent")
    ResponseEntity<byte[]> torrent(@PathVariable String infoHash, WebRequest request) {
        Publishing.TorrentFile file = publishing.torrentFile(infoHash)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published torrent with this info-hash."));
        String etag = "\"" + file.version() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        events.publishEvent(new TorrentDownloaded(file.episodeId()));
        return ResponseEntity.ok()
                .contentType(BITTORRENT)
                .eTag(etag)
                .lastModified(file.lastModified())
                .cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(file.bytes());
    }

    @GetMapping("/.well-known/seedcast/publisher.pem")
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS).cachePublic())
                .body(identity.certificatePem());
    }
}
