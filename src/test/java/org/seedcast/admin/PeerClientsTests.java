package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerClientsTests {

    @Test
    void namesAzureusStylePrefixesWithTheirVersion() {
        assertThat(PeerClients.name("-qB4650-")).isEqualTo("qBittorrent 4.6.5");
        assertThat(PeerClients.name("-TR3000-")).isEqualTo("Transmission 3.0.0");
        assertThat(PeerClients.name("-UT355W-")).startsWith("µTorrent 3.5.5");
        assertThat(PeerClients.name("-ut2210-")).isEqualTo("µTorrent 2.2.1");
        assertThat(PeerClients.name("-lt0D80-")).isEqualTo("libtorrent (rTorrent) 0.13.8");
        assertThat(PeerClients.name("-LT2080-")).isEqualTo("libtorrent (Rasterbar) 2.0.8");
        assertThat(PeerClients.name("-DE13F0-")).isEqualTo("Deluge 1.3.15");
        assertThat(PeerClients.name("-AZ5770-")).isEqualTo("Vuze 5.7.7");
        assertThat(PeerClients.name("-BI3500-")).isEqualTo("BiglyBT 3.5.0");
    }

    @Test
    void namesAria2AndMainlineStyleIds() {
        assertThat(PeerClients.name("A2-1-37-")).isEqualTo("aria2 1.37");
        assertThat(PeerClients.name("M7-2-2--")).isEqualTo("BitTorrent (Mainline) 7.2.2");
    }

    @Test
    void leavesUnknownPrefixesAsTheyAre() {
        assertThat(PeerClients.name("-ZZ1234-")).isEqualTo("-ZZ1234-");
        assertThat(PeerClients.name("00ff00ff00ff00ff")).isEqualTo("00ff00ff00ff00ff");
    }

    @Test
    void bansTheSourceOrItsNetwork() {
        assertThat(SourceNetwork.of("203.0.113.7", false)).isEqualTo("203.0.113.7");
        assertThat(SourceNetwork.of("203.0.113.7", true)).isEqualTo("203.0.113.7/24");
        assertThat(SourceNetwork.of("2001:db8:1:2::/64", false)).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceNetwork.of("2001:db8:1:2::/64", true)).isEqualTo("2001:db8:1:2::/48");
    }
}
