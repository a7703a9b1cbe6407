package org.seedcast.storage;

import java.io.IOException;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves published media, the torrents' web seed (BEP 19): HEAD, single {@code Range} requests
 * answered with 206 and an exact {@code Content-Range}, strong ETags, and zero-copy transfer
 * (Tomcat's sendfile where available, {@code FileChannel.transferTo} otherwise).
 */
@RestController
class MediaController {

    private final MediaDirectory directory;
    private final MediaResponder responder;
    private final MediaDelivery delivery;

    MediaController(MediaDirectory directory, MediaResponder responder, MediaDelivery delivery) {
        this.directory = directory;
        this.responder = responder;
        this.delivery = delivery;
    }

    /**
     * GET and HEAD of published media. {@link WebSeedFilter} answers what the catalog holds in memory
     * before the request limits and Spring MVC; this mapping answers what it passes on the same way:
     * unknown episodes, wrong names, and published media not in memory yet (which asking puts there).
     */
    @GetMapping("/media/{episodeId}/{fileName:.+}")
    void media(@PathVariable long episodeId, @PathVariable String fileName,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaDirectory.PublicMedia media = directory.publishedMedia(episodeId)
                .filter(m -> m.fileName().equals(fileName))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published media at this address."));
        delivery.deliver(episodeId, media, null, request, response);
    }

    /** A published episode's poster frame (the slug only makes the address readable, like the page's). */
    @GetMapping("/shows/{slug}/episodes/{id}/poster.jpg")
    void poster(@PathVariable String slug, @PathVariable long id, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        MediaDirectory.PublicMedia media = directory.episodePoster(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This episode has no poster."));
        responder.serve(media, request, response, "public, max-age=300");
    }

    @GetMapping("/shows/{slug}/artwork")
    void artwork(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaDirectory.PublicMedia media = directory.showArtwork(slug)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This show has no artwork."));
        responder.serve(media, request, response, "public, max-age=300");
    }
}
