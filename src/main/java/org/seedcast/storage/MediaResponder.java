package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.file.StandardOpenOption;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Answers a GET or HEAD for a stored file (BEP 19 web seeds rely on this): single {@code Range}
 * requests with 206 and an exact {@code Content-Range}, 416 when unsatisfiable, strong ETags,
 * {@code If-None-Match} and {@code If-Range}, and zero-copy transfer (Tomcat's sendfile where
 * available, {@code FileChannel.transferTo} otherwise) of a file on this node's disk; a file in a
 * bucket is streamed from one ranged GET of exactly the bytes asked for.
 */
@Component
class MediaResponder {

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final long SENDFILE_MIN = 48 * 1024;

    static final String MEDIA_CACHE = "public, max-age=3600";

    /**
     * A GET from byte 0 counts as a download when it asks for the whole file or at least its first
     * MiB: players and download tools start that way, while a {@code bytes=0-0} probe (or a loop of them)
     * is not an audience.
     */
    static final long COUNTED_START = 1024 * 1024;

    private final MediaStore store;

    MediaResponder(MediaStore store) {
        this.store = store;
    }

    /** @return what the answer sends */
    Served serve(MediaDirectory.PublicMedia media, HttpServletRequest request, HttpServletResponse response,
                          String cacheControl) throws IOException {
        MediaFile file = store.locate(media.mediaId(), media.size())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The media file is missing."));
        return serve(media, file, request, response, cacheControl);
    }

    /** As {@link #serve(MediaDirectory.PublicMedia, HttpServletRequest, HttpServletResponse, String)}, for a file already found. */
    Served serve(MediaDirectory.PublicMedia media, MediaFile file, HttpServletRequest request, HttpServletResponse response,
                  String cacheControl) throws IOException {
        long size = file.size();
        String etag = "\"" + media.sha256().substring(0, Math.min(32, media.sha256().length())) + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, media.lastModified().toEpochMilli());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline().filename(media.fileName(), StandardCharsets.UTF_8).build().toString());
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return Served.NOTHING;
        }
        RangeRequest range = rangeOf(request, etag, size);
        if (range == RangeRequest.UNSATISFIABLE) {
            response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            return Served.NOTHING;
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE,
                    "bytes " + range.start() + "-" + range.endInclusive() + "/" + size);
        }
        response.setContentType(media.mediaType());
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod())) {
            return Served.NOTHING;
        }
        Optional<Path> local = file.localPath();
        if (local.isPresent()) {
            transfer(local.get(), start, length, request, response);
        } else if (!stream(file, start, length, response)) {
            return Served.NOTHING;
        }
        return new Served(start, length, size);
    }

    /**
     * The body an answer sends: {@code length} bytes from {@code start} of a file of {@code size};
     * {@link #NOTHING} for answers without one (HEAD, 304, 416).
     */
    record Served(long start, long length, long size) {

        static final Served NOTHING = new Served(0, 0, 0);

        /** Whether a GET was answered from byte 0 with the whole file or its first MiB: a download begun. */
        boolean downloadBegun() {
            return length > 0 && start == 0 && length >= Math.min(size, COUNTED_START);
        }
    }

    private static RangeRequest rangeOf(HttpServletRequest request, String etag, long size) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.equals(etag)) {
            return null;
        }
        return RangeRequest.parse(request.getHeader(HttpHeaders.RANGE), size);
    }

    /**
     * Copies the bytes of a file in a bucket as they arrive; a file that is gone answers 404, as on
     * disk. Returns whether it was there.
     */
    private static boolean stream(MediaFile file, long start, long length, HttpServletResponse response)
            throws IOException {
        InputStream in;
        try {
            in = file.open(start, length);
        } catch (NoSuchFileException e) {
            response.reset();
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "The media file is missing.");
            return false;
        }
        try (in) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
        return true;
    }

    private static void transfer(Path file, long start, long length, HttpServletRequest request,
                                 HttpServletResponse response) throws IOException {
        if (Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT)) && length >= SENDFILE_MIN) {
            request.setAttribute("org.apache.tomcat.sendfile.filename", file.toAbsolutePath().toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", start);
            request.setAttribute("org.apache.tomcat.sendfile.end", start + length);
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            OutputStream out = response.getOutputStream();
            WritableByteChannel channel = Channels.newChannel(out);
            long position = start;
            long end = start + length;
            while (position < end) {
                long sent = in.transferTo(position, end - position, channel);
                if (sent <= 0) {
                    break;
                }
                position += sent;
            }
            out.flush();
        }
    }
}
