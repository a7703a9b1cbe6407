package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.support.Media;
import org.seedcast.support.MediaFiles;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Which GETs count as a download: the whole file, or a range from byte 0 that is a real start (1 MiB);
 * and a file in a bucket streamed for a range, or not found.
 */
class MediaResponderTests {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aOneByteProbeIsNotADownload() throws Exception {
        Path file = file(3 * MIB);

        assertThat(counts(file, "bytes=0-0")).isFalse();
        assertThat(counts(file, "bytes=0-65535")).isFalse();
    }

    @Test
    void theWholeFileOrItsFirstMebibyteIsADownload() throws Exception {
        Path file = file(3 * MIB);

        assertThat(counts(file, null)).isTrue();
        assertThat(counts(file, "bytes=0-")).isTrue();
        assertThat(counts(file, "bytes=0-" + (MIB - 1))).isTrue();
        assertThat(counts(file, "bytes=" + MIB + "-")).as("a later piece").isFalse();
    }

    @Test
    void aSmallFileCountsWhenItIsFetchedWhole() throws Exception {
        Path file = file(1000);

        assertThat(counts(file, "bytes=0-999")).isTrue();
        assertThat(counts(file, "bytes=0-99")).isFalse();
    }

    @Test
    void aFileInABucketIsStreamedForExactlyTheRangeAsked() throws Exception {
        Path file = file(3 * MIB);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/media/1/x.mp4");
        request.addHeader("Range", "bytes=1000-1999");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new MediaResponder(null).serve(media(file), MediaFiles.inBucket(file), request, response, MediaResponder.MEDIA_CACHE);

        assertThat(response.getStatus()).isEqualTo(206);
        assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 1000-1999/" + 3 * MIB);
        assertThat(response.getContentAsByteArray()).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(file), 1000, 2000));
    }

    @Test
    void aFileGoneFromTheBucketIsNotFoundAndNothingIsCounted() throws Exception {
        Path file = file(1000);
        MediaDirectory.PublicMedia media = media(file);
        MediaFile gone = MediaFiles.inBucket(file);
        Files.delete(file);
        MockHttpServletResponse response = new MockHttpServletResponse();

        MediaResponder.Served served = new MediaResponder(null).serve(media, gone,
                new MockHttpServletRequest("GET", "/media/1/x.mp4"), response, MediaResponder.MEDIA_CACHE);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getHeader("Content-Range")).isNull();
        assertThat(served.length()).isZero();
    }

    private static MediaDirectory.PublicMedia media(Path file) throws Exception {
        return new MediaDirectory.PublicMedia(UUID.randomUUID(), "x.mp4", "video/mp4", Files.size(file),
                "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Path file(int size) throws Exception {
        Path file = dir.resolve(size + ".media");
        Files.write(file, Media.mp4(size, size));
        return file;
    }

    private static boolean counts(Path file, String range) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/media/1/x.mp4");
        if (range != null) {
            request.addHeader("Range", range);
        }
        return new MediaResponder(null).serve(media(file), MediaFiles.onDisk(file), request, new MockHttpServletResponse(), MediaResponder.MEDIA_CACHE)
                .downloadBegun();
    }
}
