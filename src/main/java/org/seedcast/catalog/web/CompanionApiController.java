package org.seedcast.catalog.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.Companions;
import org.seedcast.catalog.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An episode's chapters and transcript over the API: the file is the request body, {@code DELETE} removes it. */
@RestController
class CompanionApiController {

    /** The largest chapters or transcript file taken; the studio's forms are held to it by the multipart gate. */
    private static final int MAX_BODY = 1024 * 1024;

    private final Companions companions;
    private final Catalog catalog;

    CompanionApiController(Companions companions, Catalog catalog) {
        this.companions = companions;
        this.catalog = catalog;
    }

    @PutMapping("/api/episodes/{id}/chapters")
    ResponseEntity<Void> putChapters(@PathVariable long id, HttpServletRequest request,
                                     @AuthenticationPrincipal SeedcastUser user) throws IOException {
        return put(id, request, user, "chapters", companions::setChapters);
    }

    @DeleteMapping("/api/episodes/{id}/chapters")
    ResponseEntity<Void> deleteChapters(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user) {
        companions.setChapters(id, null, user);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/episodes/{id}/transcript")
    ResponseEntity<Void> putTranscript(@PathVariable long id, HttpServletRequest request,
                                       @AuthenticationPrincipal SeedcastUser user) throws IOException {
        return put(id, request, user, "transcript", companions::setTranscript);
    }

    @DeleteMapping("/api/episodes/{id}/transcript")
    ResponseEntity<Void> deleteTranscript(@PathVariable long id, @AuthenticationPrincipal SeedcastUser user) {
        companions.setTranscript(id, null, user);
        return ResponseEntity.noContent().build();
    }

    private interface Setter {
        void set(long episodeId, String text, SeedcastUser actor);
    }

    /** Rights first, so that a body is read only for someone who may send it. */
    private ResponseEntity<Void> put(long id, HttpServletRequest request, SeedcastUser user, String field, Setter setter)
            throws IOException {
        catalog.requireManagedEpisode(id, user);
        setter.set(id, body(request, field), user);
        return ResponseEntity.noContent().build();
    }

    /**
     * The request body as UTF-8 text, read only up to the largest companion file: a larger one is
     * refused before it is read, or as soon as it turns out larger than it said.
     */
    private static String body(HttpServletRequest request, String field) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A " + field + " file may be at most 1 MB.");
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A " + field + " file may be at most 1 MB.");
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(field, "send the file as the request body; DELETE removes it");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
