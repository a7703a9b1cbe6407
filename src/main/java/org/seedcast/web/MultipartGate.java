package org.seedcast.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides on a multipart body from its head, before anything reads it: only the endpoints that
 * take a file accept one, each up to its own size as declared by {@code Content-Length} (one of our
 * torrents for {@code /verify}, an image for show artwork, an episode's chapters or transcript);
 * the episode upload, producers only and checked for rights before its body is read, alone may be
 * as large as a media file. Without this, Tomcat spools a whole body to disk as soon as anything
 * (CSRF, form login) asks for a parameter. Runs before the security filters.
 */
final class MultipartGate extends OncePerRequestFilter {

    static final long VERIFY_LIMIT = (1L << 20) + (64L << 10);
    static final long ARTWORK_LIMIT = 11L * 1000 * 1000;
    /** An episode's chapters or transcript file, at most 1 MiB, and the form around it. */
    static final long COMPANION_LIMIT = (1L << 20) + (64L << 10);
    private static final long PART_HEADERS = 1L << 20;
    private static final Pattern ARTWORK = Pattern.compile("/studio/shows/[^/]+/artwork");
    private static final Pattern COMPANIONS = Pattern.compile("/studio/episodes/[^/]+/(?:chapters|transcript)");
    private static final Pattern EPISODES = Pattern.compile("/api/shows/[^/]+/episodes");

    private final long episodeLimit;

    MultipartGate(long maxMediaSize) {
        this.episodeLimit = maxMediaSize + PART_HEADERS;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = Refusals.path(request);
        boolean post = "POST".equals(request.getMethod());
        long declared = request.getContentLengthLong();
        if (post && EPISODES.matcher(path).matches()) {
            if (declared > episodeLimit) {
                Refusals.refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than the largest media file accepted.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        long limit = !post ? 0 : path.equals("/verify") ? VERIFY_LIMIT : ARTWORK.matcher(path).matches() ? ARTWORK_LIMIT
                : COMPANIONS.matcher(path).matches() ? COMPANION_LIMIT : 0;
        if (limit == 0) {
            Refusals.refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This address takes no file uploads.");
        } else if (declared < 0) {
            Refusals.refuse(request, response, HttpStatus.LENGTH_REQUIRED, "Send the file with a Content-Length.");
        } else if (declared > limit) {
            Refusals.refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, path.equals("/verify")
                    ? "That file is larger than any torrent we publish (at most 1 MiB)."
                    : limit == COMPANION_LIMIT ? "That file is too large: chapters or a transcript may be at most 1 MiB."
                    : "That file is too large: an image may be at most 10 MB.");
        } else {
            chain.doFilter(request, response);
        }
    }
}
