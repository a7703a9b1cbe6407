package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedcast.storage.WebSeedTraffic.Client;

/**
 * Web-seed requests told from plain downloads, with the headers real clients sent to a web seed
 * (recorded from libtorrent 2.0.8 and aria2 1.36 downloading a torrent with a {@code url-list}, and
 * from aria2, curl and wget fetching the URL itself) and those of common players.
 */
class BitTorrentClientsTests {

    @Test
    void libtorrentsWebSeedRequestIsBitTorrent() {
        assertThat(BitTorrentClients.of("libtorrent/2.0.8.0", "bytes=0-2999999")).isEqualTo(Client.BITTORRENT);
        assertThat(BitTorrentClients.of("libtorrent/2.0.8.0", "bytes=1048576-1310719")).isEqualTo(Client.BITTORRENT);
    }

    @Test
    void applicationsBuiltOnLibtorrentAndOtherClientsAreBitTorrent() {
        assertThat(BitTorrentClients.of("qBittorrent/4.6.2", "bytes=262144-524287")).isEqualTo(Client.BITTORRENT);
        assertThat(BitTorrentClients.of("Deluge/2.1.1 libtorrent/2.0.9.0", "bytes=0-16383")).isEqualTo(Client.BITTORRENT);
        assertThat(BitTorrentClients.of("Transmission/4.0.5", "bytes=0-16383")).isEqualTo(Client.BITTORRENT);
        assertThat(BitTorrentClients.of("WebTorrent/2.1.0 (https://webtorrent.io)", "bytes=0-16383"))
                .isEqualTo(Client.BITTORRENT);
    }

    @Test
    void aria2IsBitTorrentOnlyWhenItAsksForRanges() {
        assertThat(BitTorrentClients.of("aria2/1.36.0", "bytes=0-2999999")).as("a web-seed fetch").isEqualTo(Client.BITTORRENT);
        assertThat(BitTorrentClients.of("aria2/1.36.0", null)).as("aria2c URL").isEqualTo(Client.PLAIN);
    }

    @Test
    void browsersPlayersAndDownloadToolsArePlainEvenWithRanges() {
        assertThat(BitTorrentClients.of("curl/7.88.1", null)).isEqualTo(Client.PLAIN);
        assertThat(BitTorrentClients.of("Wget/1.21.3", null)).isEqualTo(Client.PLAIN);
        assertThat(BitTorrentClients.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "bytes=0-"))
                .isEqualTo(Client.PLAIN);
        assertThat(BitTorrentClients.of("AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; en_us)",
                "bytes=0-1")).as("an iOS podcast app's probe").isEqualTo(Client.PLAIN);
        assertThat(BitTorrentClients.of("AntennaPod/3.4.0", "bytes=5000000-")).isEqualTo(Client.PLAIN);
    }

    @Test
    void aRequestWithoutAnAgentIsPlain() {
        assertThat(BitTorrentClients.of(null, "bytes=0-16383")).isEqualTo(Client.PLAIN);
        assertThat(BitTorrentClients.of("  ", "bytes=0-16383")).isEqualTo(Client.PLAIN);
    }
}
