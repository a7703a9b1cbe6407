package org.seedcast.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class AddressKeysTests {

    @Test
    void anIpv4AddressIsItsOwnKey() throws UnknownHostException {
        assertThat(AddressKeys.of(address("192.0.2.1"))).isEqualTo(0x1_C000_0201L)
                .isNotEqualTo(AddressKeys.of(address("192.0.2.2")));
        assertThat(AddressKeys.of(address("255.255.255.255"))).isEqualTo(0x1_FFFF_FFFFL);
    }

    @Test
    void anIpv6HostsWholeSlash64SharesOneKey() throws UnknownHostException {
        long key = AddressKeys.of(address("2001:db8:1:2::1"));
        assertThat(AddressKeys.of(address("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isEqualTo(key);
        assertThat(AddressKeys.of(address("2001:db8:1:3::1"))).isNotEqualTo(key);
    }

    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        assertThat(AddressKeys.ipv6(0, 0xFFFF_C000_0201L)).isEqualTo(AddressKeys.of(address("192.0.2.1")));
        // the JDK itself turns mapped bytes into an Inet4Address; the key agrees either way
        assertThat(AddressKeys.of(InetAddress.getByAddress(mapped))).isEqualTo(AddressKeys.of(address("192.0.2.1")));
    }

    @Test
    void noAddressHasTheKeyZero() throws UnknownHostException {
        assertThat(AddressKeys.of(address("::1"))).isEqualTo(1);
        assertThat(AddressKeys.of(address("::"))).isEqualTo(1);
        assertThat(AddressKeys.of(address("0.0.0.0"))).isNotZero();
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
