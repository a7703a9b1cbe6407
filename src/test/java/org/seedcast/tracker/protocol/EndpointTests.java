package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedcast.network.AddressKeys;

class EndpointTests {

    @Test
    void anIpv4AddressReadFromItsObjectEqualsTheSameReadFromItsBytes() throws Exception {
        // Endpoint.of(InetAddress) takes an IPv4 address's value from its hash code: pin that here
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[4];
            random.nextBytes(bytes);
            InetAddress address = InetAddress.getByAddress(bytes);
            assertThat(Endpoint.of(address, 6881)).isEqualTo(Endpoint.of(bytes, 6881));
        }
        for (String edge : new String[] {"0.0.0.0", "127.0.0.1", "128.0.0.0", "255.255.255.255", "192.0.2.1"}) {
            InetAddress address = InetAddress.getByName(edge);
            Endpoint endpoint = Endpoint.of(new InetSocketAddress(address, 51413));
            assertThat(endpoint).isEqualTo(Endpoint.of(address.getAddress(), 51413));
            assertThat(endpoint.ipv6()).isFalse();
            assertThat(endpoint.addressText()).isEqualTo(edge);
            assertThat(endpoint.port()).isEqualTo(51413);
        }
    }

    @Test
    void ipv6KeepsAllItsBitsAndMappedIpv4BecomesIpv4() throws Exception {
        Endpoint v6 = Endpoint.of(InetAddress.getByName("2001:db8::1"), 6881);
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.high()).isEqualTo(0x20010db800000000L);
        assertThat(v6.low()).isEqualTo(1L);
        assertThat(v6.addressText()).isEqualTo("2001:db8:0:0:0:0:0:1");

        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = (byte) 192;
        mapped[15] = 7;
        assertThat(Endpoint.of(mapped, 80)).isEqualTo(Endpoint.of(new byte[] {(byte) 192, 0, 0, 7}, 80));
        assertThat(Endpoint.of(mapped, 80).ipv6()).isFalse();
    }

    /** The tracker keys its limits from its own fields; the web port and the seed from an address: the same key. */
    @Test
    void itsAddressKeyIsTheOneTheOtherListenersCountBy() throws Exception {
        for (String literal : new String[] {"192.0.2.7", "10.0.0.1", "2001:db8:1:2::9", "::1", "::ffff:192.0.2.7"}) {
            InetAddress address = InetAddress.getByName(literal);
            assertThat(Endpoint.of(address, 6881).addressKey()).as(literal).isEqualTo(AddressKeys.of(address));
        }
    }
}
