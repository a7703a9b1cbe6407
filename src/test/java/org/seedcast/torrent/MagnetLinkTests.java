package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seedcast.RequiredTools;

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

    private static MagnetLink v1Magnet() {
        return Torrent.create(new TorrentSpec("e.mp4", List.of(), List.of(), null, null, null),
                TorrentTests.hash(new byte[10], TorrentFormat.V1)).magnetLink();
    }

    @Test
    void namesPeersAsHostAndPortWithIpv6InBracketsAndTheColonsLiteral() throws IOException {
        MagnetLink magnet = v1Magnet()
                .withPeer(InetSocketAddress.createUnresolved("seed.example.org", 6881))
                .withPeer(new InetSocketAddress(InetAddress.getByName("203.0.113.5"), 6881))
                .withPeer(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:5"), 51413))
                .withPeer(InetSocketAddress.createUnresolved("::1", 6881));

        assertThat(magnet.toString()).endsWith("&dn=e.mp4&xl=10&x.pe=seed.example.org:6881&x.pe=203.0.113.5:6881"
                + "&x.pe=[2001:db8::1:0:0:5]:51413&x.pe=[::1]:6881");
        assertThat(magnet.toUri().getScheme()).isEqualTo("magnet");
    }

    @Test
    void writesIpv6AddressesInTheirShortestForm() throws IOException {
        assertThat(MagnetLink.shortest((java.net.Inet6Address) InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(MagnetLink.shortest((java.net.Inet6Address) InetAddress.getByName("2001:db8:0:0:1:0:0:1")))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(MagnetLink.shortest((java.net.Inet6Address) InetAddress.getByName("2001:db8:1:2:3:4:5:6")))
                .isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(MagnetLink.shortest((java.net.Inet6Address) InetAddress.getByName("fe80:0:0:0:0:0:0:0")))
                .isEqualTo("fe80::");
    }

    @Test
    void refusesAPeerWithoutAPort() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> v1Magnet().withPeer(InetSocketAddress.createUnresolved("seed.example.org", 0)));
    }

    /** libtorrent 2.0.8 reads x.pe undecoded and only as address literals: what it finds is what the magnet means. */
    @Test
    void libtorrentFindsTheAddressPeersOfTheMagnet() throws Exception {
        var python = RequiredTools.requirePythonModule("libtorrent");
        String magnet = v1Magnet().withPeer(InetSocketAddress.createUnresolved("203.0.113.5", 6881))
                .withPeer(new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 6882)).toString();
        Process process = new ProcessBuilder(python.toString(), "-c",
                "import sys, libtorrent as lt; print(sorted(lt.parse_magnet_uri(sys.argv[1]).peers))", magnet)
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(out).isEqualTo("[('2001:db8::5', 6882), ('203.0.113.5', 6881)]");
    }
}
