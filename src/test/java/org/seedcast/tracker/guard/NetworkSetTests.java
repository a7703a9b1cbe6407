package org.seedcast.tracker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.Endpoint;

class NetworkSetTests {

    private static Endpoint at(String address) throws Exception {
        return Endpoint.of(InetAddress.getByName(address), 1);
    }

    @Test
    void matchesIpv4Networks() throws Exception {
        NetworkSet set = NetworkSet.parse(List.of("203.0.113.0/24, 198.51.100.7", "10.0.0.0/8"));
        assertThat(set.contains(at("203.0.113.255"))).isTrue();
        assertThat(set.contains(at("203.0.114.0"))).isFalse();
        assertThat(set.contains(at("198.51.100.7"))).isTrue();
        assertThat(set.contains(at("198.51.100.8"))).isFalse();
        assertThat(set.contains(at("10.255.0.1"))).isTrue();
        assertThat(set.contains(at("255.255.255.255"))).isFalse();
    }

    @Test
    void matchesIpv6NetworksIncludingTheHighHalf() throws Exception {
        NetworkSet set = NetworkSet.parse(List.of("2001:db8::/32", "fe80::1/128", "ff00::/8"));
        assertThat(set.contains(at("2001:db8:ffff::1"))).isTrue();
        assertThat(set.contains(at("2001:db9::1"))).isFalse();
        assertThat(set.contains(at("fe80::1"))).isTrue();
        assertThat(set.contains(at("fe80::2"))).isFalse();
        assertThat(set.contains(at("ff02::1"))).isTrue(); // unsigned comparison above 0x8000...
        assertThat(set.contains(at("203.0.113.1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() throws Exception {
        NetworkSet set = NetworkSet.parse(List.of("192.0.2.0/24"));
        assertThat(set.contains(Endpoint.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 9}, 1)))
                .isTrue();
    }

    @Test
    void nestedAndOverlappingNetworksMerge() throws Exception {
        NetworkSet set = NetworkSet.parse(List.of("10.1.0.0/16", "10.0.0.0/8", "10.2.3.4"));
        assertThat(set.contains(at("10.200.0.1"))).isTrue();
        assertThat(set.without(Cidr.parse("10.0.0.0/8")).contains(at("10.200.0.1"))).isFalse();
    }

    @Test
    void cidrsAreCanonicalAndValidated() {
        assertThat(Cidr.parse("203.0.113.77/24").text()).isEqualTo("203.0.113.0/24");
        assertThat(Cidr.parse("2001:DB8::1/32").text()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(Cidr.parse("::/0").lastHigh()).isEqualTo(-1L);
        assertThatThrownBy(() -> Cidr.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bansSwapWholeSets() throws Exception {
        Bans bans = new Bans();
        bans.ban(new Bans.Ban(Cidr.parse("2001:db8:1::/48"), "flood", Instant.EPOCH));
        assertThat(bans.banned(at("2001:db8:1:2::3"))).isTrue();
        assertThat(bans.unban(Cidr.parse("2001:db8:1::/48"))).isTrue();
        assertThat(bans.banned(at("2001:db8:1:2::3"))).isFalse();
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void bansLapseByThemselvesWhenTheirTimeIsUp() throws Exception {
        long[] now = {1_000_000};
        Bans bans = new Bans(() -> now[0]);
        bans.ban(new Bans.Ban(Cidr.parse("198.51.100.0/24"), "flood", Instant.ofEpochMilli(now[0]),
                Instant.ofEpochMilli(now[0] + 60_000)));
        bans.ban(new Bans.Ban(Cidr.parse("203.0.113.7"), "for good", Instant.ofEpochMilli(now[0])));

        assertThat(bans.banned(at("198.51.100.9"))).isTrue();
        now[0] += 59_999;
        assertThat(bans.banned(at("198.51.100.9"))).isTrue();
        now[0] += 1;
        assertThat(bans.banned(at("198.51.100.9"))).as("lapsed").isFalse();
        assertThat(bans.banned(at("203.0.113.7"))).as("a ban without an end stays").isTrue();
        assertThat(bans.list()).extracting(b -> b.cidr().text()).containsExactly("203.0.113.7/32");
    }
}
