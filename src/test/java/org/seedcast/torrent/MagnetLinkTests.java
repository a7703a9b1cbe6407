package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagnetLinkTests {

    @Test
    void carriesBothHashesOfAHybridAndEveryTrackerAndWebSeed() {
        Torrent torrent = Torrent.create(new TorrentSpec("Show S01E01 (é).mp4",
                List.of(URI.create("http://t.example/announce?k=a%20b"), URI.create("udp://t.example:6969")),
                List.of(URI.create("https://m.example/e.mp4")), null, null, null),
                TorrentTests.hash(new byte[1000], TorrentFormat.HYBRID));

        String magnet = torrent.magnetLink().toString();

        assertThat(magnet).isEqualTo("magnet:?xt=urn:btih:" + torrent.infoHash().toHex()
                + "&xt=urn:btmh:1220" + torrent.infoHashV2().orElseThrow().toHex()
                + "&dn=Show%20S01E01%20%28%C3%A9%29.mp4"
                + "&xl=1000"
                + "&tr=http%3A%2F%2Ft.example%2Fannounce%3Fk%3Da%2520b"
                + "&tr=udp%3A%2F%2Ft.example%3A6969"
                + "&ws=https%3A%2F%2Fm.example%2Fe.mp4");
        assertThat(torrent.magnetLink().toUri().getScheme()).isEqualTo("magnet");
    }

    @Test
    void carriesOnlyTheV1HashOfAV1Torrent() {
        Torrent torrent = Torrent.create(new TorrentSpec("e.mp4", List.of(), List.of(), null, null, null),
                TorrentTests.hash(new byte[10], TorrentFormat.V1));

        assertThat(torrent.magnetLink().toString())
                .isEqualTo("magnet:?xt=urn:btih:" + torrent.infoHash().toHex() + "&dn=e.mp4&xl=10");
    }
}
