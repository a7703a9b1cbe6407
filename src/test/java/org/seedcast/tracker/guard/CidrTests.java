package org.seedcast.tracker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedcast.support.RecordingResolver;

class CidrTests {

    @ParameterizedTest
    @ValueSource(strings = {"dead.beef", "cafe", "dead.beef.cafe.face", "face/24", "beef/8"})
    void namesThatLookLikeHexAreRejectedWithoutALookup(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address or CIDR");
        assertThat(RecordingResolver.lookedUp(text.replaceAll("/.*", ""))).as("looked up by DNS").isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "192.0.2.7, 192.0.2.7/32",
            "203.0.113.9/24, 203.0.113.0/24",
            "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32",
            "::, 0:0:0:0:0:0:0:0/128",
            "dead::beef, dead:0:0:0:0:0:0:beef/128",
            "::ffff:192.0.2.1, 192.0.2.1/32",
            "1:2:3:4:5:6:7:8/64, 1:2:3:4:0:0:0:0/64",
            "64:ff9b::192.0.2.33, 64:ff9b:0:0:0:0:c000:221/128"})
    void literalsParseToTheirCanonicalNetwork(String text, String canonical) {
        assertThat(Cidr.parse(text).text()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4.", "1::2::3", ":1::2",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "fe80::1%eth0", "::1.2.3", "1.2.3.4::", "0x7f.0.0.1"})
    void malformedLiteralsAreRejected(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
