package org.seedcast.tracker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedcast.support.RecordingResolver;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.protocol.Endpoint;

class ForwardedAddressTests {

    @ParameterizedTest
    @ValueSource(strings = {"dead.beef.cafe.face", "dead.beef", "cafe", "[cafe]", "face"})
    void namesAreNotAddressesAndAreNeverLookedUp(String hop) {
        assertThat(ForwardedAddress.parse(hop)).isNull();
        assertThat(RecordingResolver.lookedUp(hop.replace("[", "").replace("]", ""))).as("looked up by DNS").isFalse();
    }

    @Test
    void literalsOfBothFamiliesAreParsed() {
        assertThat(ForwardedAddress.parse("198.51.100.7")).isEqualTo(Endpoint.ipv4(0xC6336407, 0));
        assertThat(ForwardedAddress.parse("[2001:db8::1]")).isEqualTo(new Endpoint(true, 0x20010db800000000L, 1, 0));
        assertThat(ForwardedAddress.parse("2001:db8::1")).isEqualTo(new Endpoint(true, 0x20010db800000000L, 1, 0));
        assertThat(ForwardedAddress.parse("::ffff:198.51.100.7")).isEqualTo(Endpoint.ipv4(0xC6336407, 0));
        assertThat(ForwardedAddress.parse("198.51.100")).isNull();
    }

    @Test
    void theClientIsTheRightMostHopThatIsNotATrustedProxyAndAGarbledHopStopsTheWalk() {
        NetworkSet proxies = NetworkSet.parse(List.of("10.0.0.0/8"));
        Endpoint proxy = Endpoint.ipv4(0x0A000001, 443);
        assertThat(ForwardedAddress.client(proxy, "203.0.113.9, 198.51.100.7, 10.0.0.2", proxies))
                .isEqualTo(Endpoint.ipv4(0xC6336407, 0));
        assertThat(ForwardedAddress.client(proxy, "198.51.100.7, made.up, 10.0.0.2", proxies))
                .isEqualTo(Endpoint.ipv4(0x0A000002, 0));
    }
}
