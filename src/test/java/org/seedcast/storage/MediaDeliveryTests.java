package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.storage.WebSeedTraffic.Client;
import org.seedcast.support.Media;
import org.seedcast.support.MediaFiles;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The bytes each media answer sends are counted by kind of client; only a plain GET from byte 0 is a direct download. */
class MediaDeliveryTests {

    private static final int MIB = 1024 * 1024;
    private static final long EPISODE = 7;

    @TempDir
    Path dir;

    final WebSeedTraffic traffic = new WebSeedTraffic();
    final List<Object> events = new ArrayList<>();
    final MediaDelivery delivery = new MediaDelivery(new MediaResponder(null), traffic, events::add);

    @Test
    void webSeedRangesAreCountedAsBitTorrentAndAreNotDirectDownloads() throws Exception {
        Path file = file(3 * MIB);

        get(file, "GET", "libtorrent/2.0.8.0", "bytes=0-" + (3 * MIB - 1));
        get(file, "GET", "aria2/1.36.0", "bytes=" + MIB + "-" + (2 * MIB - 1));

        assertThat(traffic.sentByEpisode(Client.BITTORRENT)).isEqualTo(Map.of(EPISODE, 4L * MIB));
        assertThat(traffic.sentByEpisode(Client.PLAIN)).isEmpty();
        assertThat(events).as("a torrent download, not a direct one").isEmpty();
    }

    @Test
    void plainDownloadsAreCountedAsPlainAndTheirStartIsADirectDownload() throws Exception {
        Path file = file(3 * MIB);

        get(file, "GET", "curl/7.88.1", null);
        get(file, "GET", "Mozilla/5.0 Firefox/128.0", "bytes=" + (2 * MIB) + "-");

        assertThat(traffic.sentByEpisode(Client.PLAIN)).isEqualTo(Map.of(EPISODE, 4L * MIB));
        assertThat(traffic.sentByEpisode(Client.BITTORRENT)).isEmpty();
        assertThat(events).containsExactly(new MediaDownloaded(EPISODE));
    }

    @Test
    void answersWithoutABodySendNothing() throws Exception {
        Path file = file(MIB);

        get(file, "HEAD", "libtorrent/2.0.8.0", null);
        get(file, "GET", "libtorrent/2.0.8.0", "bytes=" + (5 * MIB) + "-");

        assertThat(traffic.sent(Client.BITTORRENT)).isZero();
        assertThat(traffic.sent(Client.PLAIN)).isZero();
    }

    private Path file(int size) throws Exception {
        Path file = dir.resolve(size + ".media");
        Files.write(file, Media.mp4(size, size));
        return file;
    }

    private void get(Path file, String method, String agent, String range) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/media/7/x.mp4");
        request.addHeader("User-Agent", agent);
        if (range != null) {
            request.addHeader("Range", range);
        }
        MediaDirectory.PublicMedia media = new MediaDirectory.PublicMedia(UUID.randomUUID(), "x.mp4", "video/mp4",
                Files.size(file), "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"));
        delivery.deliver(EPISODE, media, MediaFiles.onDisk(file), request, new MockHttpServletResponse());
    }
}
