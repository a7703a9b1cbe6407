package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.support.Media;
import org.seedcast.support.MediaFiles;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which GETs count as a download: the whole file, or a range from byte 0 that is a real start (1 MiB). */
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
        MediaDirectory.PublicMedia media = new MediaDirectory.PublicMedia(UUID.randomUUID(), "x.mp4", "video/mp4",
                Files.size(file), "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"));
        return new MediaResponder(null).serve(media, MediaFiles.onDisk(file), request, new MockHttpServletResponse(), MediaResponder.MEDIA_CACHE)
                .downloadBegun();
    }
}
