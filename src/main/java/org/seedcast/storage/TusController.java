package org.seedcast.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.seedcast.accounts.SeedcastUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The <a href="https://tus.io/protocols/resumable-upload">tus 1.0</a> endpoint: core, creation and
 * termination. {@code Upload-Metadata} carries {@code filename}, {@code show} (slug) and
 * {@code title}. When the last byte arrives the answer names the new draft episode in
 * {@code Seedcast-Episode-Id}.
 */
@RestController
@RequestMapping("/api/uploads")
class TusController {

    static final String TUS_VERSION = "1.0.0";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";

    private final ResumableUploads uploads;

    TusController(ResumableUploads uploads) {
        this.uploads = uploads;
    }

    @RequestMapping(method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent()
                .header("Tus-Resumable", TUS_VERSION)
                .header("Tus-Version", TUS_VERSION)
                .header("Tus-Extension", "creation,termination")
                .header("Tus-Max-Size", Long.toString(uploads.maxSize()))
                .build();
    }

    @PostMapping
    ResponseEntity<Void> create(@RequestHeader(name = "Tus-Resumable", required = false) String version,
                                @RequestHeader(name = "Upload-Length", required = false) String length,
                                @RequestHeader(name = "Upload-Metadata", required = false) String metadata,
                                @AuthenticationPrincipal SeedcastUser user) {
        requireVersion(version);
        Map<String, String> meta = parseMetadata(metadata);
        UUID id = uploads.create(parseLength(length, "Upload-Length"), meta.get("filename"), meta.get("show"),
                meta.get("title"), user);
        return ResponseEntity.created(URI.create("/api/uploads/" + id))
                .header("Tus-Resumable", TUS_VERSION)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@PathVariable UUID id,
                              @RequestHeader(name = "Tus-Resumable", required = false) String version,
                              @AuthenticationPrincipal SeedcastUser user) {
        requireVersion(version);
        return withStatus(ResponseEntity.ok(), uploads.status(id, user));
    }

    @PatchMapping("/{id}")
    ResponseEntity<Void> patch(@PathVariable UUID id,
                               @RequestHeader(name = "Tus-Resumable", required = false) String version,
                               @RequestHeader(name = "Upload-Offset", required = false) String offset,
                               @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                               @AuthenticationPrincipal SeedcastUser user,
                               HttpServletRequest request) throws IOException {
        requireVersion(version);
        if (contentType == null || !contentType.startsWith(OFFSET_STREAM)) {
            throw new RejectedMediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "PATCH needs Content-Type: " + OFFSET_STREAM);
        }
        ResumableUploads.Status status = uploads.append(id, user, parseLength(offset, "Upload-Offset"), request.getInputStream());
        return withStatus(ResponseEntity.noContent(), status);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> terminate(@PathVariable UUID id,
                                   @RequestHeader(name = "Tus-Resumable", required = false) String version,
                                   @AuthenticationPrincipal SeedcastUser user) {
        requireVersion(version);
        uploads.terminate(id, user);
        return ResponseEntity.noContent().header("Tus-Resumable", TUS_VERSION).build();
    }

    private static ResponseEntity<Void> withStatus(ResponseEntity.HeadersBuilder<?> builder, ResumableUploads.Status status) {
        builder.header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", Long.toString(status.offset()))
                .header("Upload-Length", Long.toString(status.length()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status.episodeId() != null) {
            builder.header("Seedcast-Episode-Id", status.episodeId().toString());
        }
        return builder.build();
    }

    private static void requireVersion(String version) {
        if (!TUS_VERSION.equals(version)) {
            throw new RejectedMediaException(HttpStatus.PRECONDITION_FAILED, "This server speaks Tus-Resumable: " + TUS_VERSION);
        }
    }

    private static long parseLength(String value, String header) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new RejectedMediaException(HttpStatus.BAD_REQUEST, header + " must be a non-negative number of bytes.");
    }

    /** {@code key base64value,key2 base64value2}; a key may stand alone. */
    static Map<String, String> parseMetadata(String header) {
        Map<String, String> metadata = new HashMap<>();
        if (header == null || header.isBlank()) {
            return metadata;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ", 2);
            if (parts[0].isEmpty()) {
                continue;
            }
            try {
                String value = parts.length == 2 ? new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8) : "";
                metadata.put(parts[0], value);
            } catch (IllegalArgumentException e) {
                throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "Upload-Metadata value for " + parts[0] + " is not base64.");
            }
        }
        return metadata;
    }
}
