package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The one builder of announce URLs: what every torrent names as its trackers. */
class TrackerAddressTests {

    private static final URI SITE = URI.create("https://shows.example.org");

    private static TrackerAddress bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("seedcast.tracker",
                TrackerAddress.class);
    }

    private static String urls(TrackerAddress tracker, URI site) {
        return tracker.announceUrls(site).toString();
    }

    @Test
    void withoutAHostTheTorrentsNameThePublicUrlsHostOnPort6969() {
        assertThat(urls(bind(Map.of()), SITE))
                .isEqualTo("[http://shows.example.org:6969/announce, udp://shows.example.org:6969/announce]");
    }

    @Test
    void theTrackerHostAndPortWinOverThePublicUrls() {
        TrackerAddress tracker = bind(Map.of("seedcast.tracker.host", " tracker.example.org ",
                "seedcast.tracker.port", "7000"));
        assertThat(urls(tracker, SITE))
                .isEqualTo("[http://tracker.example.org:7000/announce, udp://tracker.example.org:7000/announce]");
        assertThat(urls(bind(Map.of("seedcast.tracker.host", "203.0.113.5")), SITE))
                .isEqualTo("[http://203.0.113.5:6969/announce, udp://203.0.113.5:6969/announce]");
    }

    @Test
    void anIpv6HostIsBracketedWhetherConfiguredWithBracketsOrWithout() {
        String expected = "[http://[2001:db8::1]:6969/announce, udp://[2001:db8::1]:6969/announce]";
        assertThat(urls(bind(Map.of("seedcast.tracker.host", "2001:db8::1")), SITE)).isEqualTo(expected);
        assertThat(urls(bind(Map.of("seedcast.tracker.host", "[2001:db8::1]")), SITE)).isEqualTo(expected);
        assertThat(urls(bind(Map.of()), URI.create("http://[2001:db8::1]:8080/"))).isEqualTo(expected);
    }

    @Test
    void theUrlsParseWithTheHostAndPortTheyName() {
        URI http = bind(Map.of("seedcast.tracker.host", "::1")).announceUrls(SITE).getFirst();
        assertThat(http.getHost()).isEqualTo("[::1]");
        assertThat(http.getPort()).isEqualTo(6969);
        assertThat(http.getPath()).isEqualTo("/announce");
    }
}
