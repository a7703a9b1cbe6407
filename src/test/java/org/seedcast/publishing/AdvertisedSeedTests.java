package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seedcast.catalog.CatalogProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdvertisedSeedTests {

    private static final CatalogProperties SITE = new CatalogProperties(URI.create("https://shows.example.com"));
    private final List<String> lookedUp = new ArrayList<>();

    private AdvertisedSeed seed(SeedAddress address, TrackerAddress tracker, InetAddress... answer) {
        return new AdvertisedSeed(address, tracker, SITE, host -> {
            lookedUp.add(host);
            if (answer.length == 0) {
                throw new UnknownHostException(host + ": Name or service not known");
            }
            return answer;
        });
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: parsed, never looked up
    }

    @Test
    void theHostIsTheSeedsThenTheTrackersThenThePublicUrls() throws Exception {
        InetAddress any = ip("203.0.113.5");
        assertThat(seed(new SeedAddress(true, "seed.example.com", 6881), new TrackerAddress("t.example.com", 6969), any)
                .host()).isEqualTo("seed.example.com");
        assertThat(seed(new SeedAddress(true, " ", 6881), new TrackerAddress("t.example.com", 6969), any)
                .host()).isEqualTo("t.example.com");
        assertThat(seed(new SeedAddress(true, null, 6881), new TrackerAddress(null, 6969), any)
                .host()).isEqualTo("shows.example.com");
        assertThat(lookedUp).containsExactly("seed.example.com", "t.example.com", "shows.example.com");
    }

    @Test
    void aNameResolvesOnceToOneAddressPerFamilyAndMagnetsNameBothForms() throws Exception {
        AdvertisedSeed seed = seed(new SeedAddress(true, "seed.example.com", 6881), new TrackerAddress(null, 6969),
                ip("2001:db8::5"), ip("203.0.113.5"), ip("203.0.113.6"), ip("2001:db8::6"));

        assertThat(seed.addresses()).containsExactly(new InetSocketAddress(ip("203.0.113.5"), 6881),
                new InetSocketAddress(ip("2001:db8::5"), 6881));
        assertThat(seed.magnetPeers()).containsExactly(InetSocketAddress.createUnresolved("seed.example.com", 6881),
                new InetSocketAddress(ip("203.0.113.5"), 6881), new InetSocketAddress(ip("2001:db8::5"), 6881));
        assertThat(seed.authority()).isEqualTo("seed.example.com:6881");
        assertThat(lookedUp).hasSize(1);
    }

    @Test
    void anAddressLiteralIsNamedOnceAndAnIpv6OneInBrackets() throws Exception {
        AdvertisedSeed seed = seed(new SeedAddress(true, "[2001:db8::5]", 51413), new TrackerAddress(null, 6969),
                ip("2001:db8::5"));
        assertThat(seed.host()).isEqualTo("2001:db8::5");
        assertThat(seed.authority()).isEqualTo("[2001:db8::5]:51413");
        assertThat(seed.magnetPeers()).containsExactly(InetSocketAddress.createUnresolved("2001:db8::5", 51413));
        assertThat(seed.addresses()).containsExactly(new InetSocketAddress(ip("2001:db8::5"), 51413));
    }

    @Test
    void anUnresolvableHostIsLoggedListsNoAddressAndMagnetsKeepTheName(CapturedOutput output) {
        AdvertisedSeed seed = seed(new SeedAddress(true, "seed.invalid", 6881), new TrackerAddress(null, 6969));
        assertThat(seed.addresses()).isEmpty();
        assertThat(seed.magnetPeers()).containsExactly(InetSocketAddress.createUnresolved("seed.invalid", 6881));
        assertThat(output).contains("The publisher's seed host 'seed.invalid' (seedcast.seeder.host) cannot be resolved")
                .contains("the tracker lists no seed");
    }

    @Test
    void aNameThatResolvesToLoopbackHereIsWarnedAbout(CapturedOutput output) throws Exception {
        seed(new SeedAddress(true, "shows.example.com", 6881), new TrackerAddress(null, 6969), ip("127.0.1.1"));
        assertThat(output).contains("resolves to a loopback address here");
        seed(new SeedAddress(true, "localhost", 6882), new TrackerAddress(null, 6969), ip("127.0.0.1"));
        assertThat(output.toString().split("loopback address here", -1)).hasSize(2); // localhost is meant to be
    }

    @Test
    void aSeedTurnedOffIsNeitherResolvedNorNamed() {
        AdvertisedSeed seed = seed(new SeedAddress(false, "seed.example.com", 6881), new TrackerAddress(null, 6969));
        assertThat(seed.enabled()).isFalse();
        assertThat(seed.addresses()).isEmpty();
        assertThat(seed.magnetPeers()).isEmpty();
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aPortOutsideOneTo65535IsRefusedAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> seed(new SeedAddress(true, "seed.example.com", 0), new TrackerAddress(null, 6969)))
                .withMessageContaining("seedcast.seeder.port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> seed(new SeedAddress(true, "seed.example.com", 70000), new TrackerAddress(null, 6969)));
    }
}
