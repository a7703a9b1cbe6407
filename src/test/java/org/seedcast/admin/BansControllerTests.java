package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedcast.tracker.Ban;
import org.seedcast.tracker.Tracker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The bans page and its forms, on their own: what is listed, and the message each outcome flashes. The tracker is
 * a mock here; {@code TrackerTests} and {@code CidrTests} test what a ban does and which text is an address.
 */
@AdminPageSlice
class BansControllerTests {

    private static final Instant SINCE = Instant.parse("2026-11-30T14:02:05Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Tracker tracker;

    @Test
    void listsEveryBanNewestFirstWithWhenItLapses() {
        given(tracker.bans()).willReturn(List.of(
                new Ban("198.51.100.0/24", "page flood", SINCE, null),
                new Ban("192.0.2.64/28", "week", SINCE.plusSeconds(60), SINCE.plus(Duration.ofDays(7)))));

        assertThat(mvc.get().uri("/admin/bans")).hasStatusOk().bodyText()
                .containsSubsequence("192.0.2.64/28", "week", "7 Dec 2026 14:02", "198.51.100.0/24", "page flood",
                        "lifted by hand")
                .doesNotContain(">never<");
    }

    @Test
    void saysNobodyIsBannedWhenNobodyIs() {
        given(tracker.bans()).willReturn(List.of());

        assertThat(mvc.get().uri("/admin/bans")).hasStatusOk().bodyText().contains("Nobody is banned.");
    }

    @Test
    void aBanIsAddedAndItsCanonicalNetworkFlashed() {
        given(tracker.ban("198.51.100.9/24", "page flood", null)).willReturn(new Ban("198.51.100.0/24", "page flood", SINCE, null));

        assertThat(mvc.post().uri("/admin/bans").with(csrf()).param("cidr", "198.51.100.9/24").param("reason", "page flood"))
                .hasRedirectedUrl("/admin/bans").flash().containsEntry("success", "Banned 198.51.100.0/24.");
    }

    @Test
    void aBanForAFixedTimeFlashesWhenItLapses() {
        given(tracker.ban("192.0.2.64/28", "week", Duration.ofDays(7)))
                .willReturn(new Ban("192.0.2.64/28", "week", SINCE, SINCE.plus(Duration.ofDays(7))));

        assertThat(mvc.post().uri("/admin/bans").with(csrf()).param("cidr", "192.0.2.64/28").param("reason", "week")
                .param("expires", "7d"))
                .hasRedirectedUrl("/admin/bans").flash().containsEntry("success", "Banned 192.0.2.64/28 until 7 Dec 2026 14:02 UTC.");
    }

    @Test
    void whatTheTrackerRefusesIsFlashedWithTheFormKept() {
        given(tracker.ban(eq("not-a-network"), eq(""), isNull()))
                .willThrow(new IllegalArgumentException("not an IP address or CIDR: not-a-network"));

        assertThat(mvc.post().uri("/admin/bans").with(csrf()).param("cidr", "not-a-network").param("reason", ""))
                .hasRedirectedUrl("/admin/bans").flash()
                .containsEntry("error", "Nothing banned: not an IP address or CIDR: not-a-network.")
                .containsEntry("form", new BansController.BanForm("not-a-network", "", ""));
    }

    @Test
    void aDurationNotOnTheListAndABlankAddressBanNothing() {
        assertThat(mvc.post().uri("/admin/bans").with(csrf()).param("cidr", "192.0.2.128/28").param("expires", "forever-and-a-day"))
                .hasRedirectedUrl("/admin/bans").flash()
                .containsEntry("error", "Nothing banned: choose how long the ban lasts from the list.");
        assertThat(mvc.post().uri("/admin/bans").with(csrf()).param("cidr", " "))
                .hasRedirectedUrl("/admin/bans").flash().extractingByKey("error").asString().startsWith("Nothing banned: enter an address");
        verifyNoInteractions(tracker);
    }

    @Test
    void liftingABanSaysWhetherThereWasOne() {
        given(tracker.unban("198.51.100.0/24")).willReturn(true);
        given(tracker.unban("203.0.113.0/24")).willReturn(false);
        given(tracker.unban("nonsense")).willThrow(new IllegalArgumentException("not an IP address or CIDR: nonsense"));

        assertThat(mvc.post().uri("/admin/bans/remove").with(csrf()).param("cidr", "198.51.100.0/24"))
                .hasRedirectedUrl("/admin/bans").flash().containsEntry("success", "Lifted the ban on 198.51.100.0/24.");
        assertThat(mvc.post().uri("/admin/bans/remove").with(csrf()).param("cidr", "203.0.113.0/24"))
                .flash().containsEntry("error", "There was no ban on 203.0.113.0/24.");
        assertThat(mvc.post().uri("/admin/bans/remove").with(csrf()).param("cidr", "nonsense"))
                .flash().containsEntry("error", "Nothing lifted: not an IP address or CIDR: nonsense.");
    }

    @Test
    void aFlashedMessageShowsOnThePage() {
        given(tracker.bans()).willReturn(List.of());

        assertThat(mvc.get().uri("/admin/bans").flashAttr("success", "Banned 198.51.100.0/24."))
                .hasStatusOk().bodyText().contains("Banned 198.51.100.0/24.");
    }
}
