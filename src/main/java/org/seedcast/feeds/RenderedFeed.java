package org.seedcast.feeds;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.springframework.http.MediaType;

/**
 * A feed's bytes as served, with a strong ETag (RFC 9110 section 8.8.3: the first 128 bits of
 * the SHA-256 of exactly these bytes) and the time it was rendered, to the second, as its
 * {@code Last-Modified}. Not a record: it holds an array.
 */
final class RenderedFeed {

    private final byte[] bytes;
    private final MediaType contentType;
    private final String etag;
    private final Instant lastModified;

    RenderedFeed(byte[] bytes, MediaType contentType, Instant renderedAt) {
        this.bytes = bytes;
        this.contentType = contentType;
        this.etag = "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"";
        this.lastModified = renderedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The cached array itself, not a copy: callers only write it to a response. */
    byte[] bytes() {
        return bytes;
    }

    MediaType contentType() {
        return contentType;
    }

    String etag() {
        return etag;
    }

    Instant lastModified() {
        return lastModified;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
