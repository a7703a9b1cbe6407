package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.UnknownTorrent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The foreign torrents page and its actions, on their own: which rows each view lists and the message each action
 * flashes. The tracker and the set-aside hashes are mocks; {@code AdminPagesIntegrationTests} has a block and a
 * set-aside reach the real tracker and table.
 */
@AdminPageSlice
class UnknownTorrentsControllerTests {

    private static final String NEW = "a1".repeat(20);
    private static final String BLOCKED = "b2".repeat(20);
    private static final String SET_ASIDE = "c3".repeat(20);
    private static final Instant SEEN = Instant.parse("2026-11-30T14:02:05Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Tracker tracker;

    @Autowired
    IgnoredTorrents ignored;

    @BeforeEach
    void threeForeignHashes() {
        given(tracker.unknownTorrents()).willReturn(List.of(foreign(NEW, false), foreign(BLOCKED, true), foreign(SET_ASIDE, false)));
        given(ignored.contains(SET_ASIDE)).willReturn(true);
    }

    @Test
    void theDefaultViewListsNewAndBlockedHashesWithTheirClientsByName() {
        assertThat(mvc.get().uri("/admin/unknown-torrents")).hasStatusOk().bodyText()
                .contains("data-hash=\"" + NEW + "\"").contains("data-hash=\"" + BLOCKED + "\"")
                .doesNotContain("data-hash=\"" + SET_ASIDE + "\"")
                .contains("qBittorrent 4.6.5").contains("198.51.100.7").contains("2</span> listed, <span>1</span> blocked");
    }

    @Test
    void theOtherViewsListTheSetAsideHashesOrEveryHashAndTheSearchNarrowsThem() {
        assertThat(mvc.get().uri("/admin/unknown-torrents").param("show", "ignored")).bodyText()
                .contains("data-hash=\"" + SET_ASIDE + "\"").doesNotContain("data-hash=\"" + NEW + "\"");
        assertThat(mvc.get().uri("/admin/unknown-torrents").param("show", "all")).bodyText()
                .contains(NEW).contains(BLOCKED).contains(SET_ASIDE);
        assertThat(mvc.get().uri("/admin/unknown-torrents").param("q", "B2B2")).bodyText()
                .contains("data-hash=\"" + BLOCKED + "\"").doesNotContain("data-hash=\"" + NEW + "\"");
        assertThat(mvc.get().uri("/admin/unknown-torrents").param("q", "ffff")).bodyText()
                .contains("No foreign torrent matches ffff.");
    }

    @Test
    void blockingAHashTellsTheTrackerAndReturnsToTheSearch() {
        assertThat(mvc.post().uri("/admin/unknown-torrents/" + NEW + "/block").with(csrf()).param("q", "a1a1"))
                .hasRedirectedUrl("/admin/unknown-torrents?q=a1a1").flash()
                .containsEntry("success", "Blocked " + NEW + ": its announces now get “retry in: never”.");
        verify(tracker).block(InfoHash.fromHex(NEW), "blocked by an admin");
    }

    @Test
    void checkedHashesAreBlockedOrSetAsideTogether() {
        assertThat(mvc.post().uri("/admin/unknown-torrents/bulk").with(csrf()).param("action", "block")
                .param("hashes", NEW, BLOCKED))
                .flash().containsEntry("success", "Blocked 2 info-hashes: their announces now get “retry in: never”.");
        verify(tracker).block(InfoHash.fromHex(NEW), "blocked by an admin");
        verify(tracker).block(InfoHash.fromHex(BLOCKED), "blocked by an admin");

        assertThat(mvc.post().uri("/admin/unknown-torrents/bulk").with(csrf()).param("action", "ignore").param("hashes", NEW))
                .flash().containsEntry("success", "Set aside 1 info-hashes.");
        verify(ignored).ignore(NEW, "admin");
    }

    @Test
    void aBulkActionWithNothingCheckedOrNoKnownActionChangesNothing() {
        assertThat(mvc.post().uri("/admin/unknown-torrents/bulk").with(csrf()).param("action", "block"))
                .flash().containsEntry("error", "Nothing changed: no info-hash was checked.");
        assertThat(mvc.post().uri("/admin/unknown-torrents/bulk").with(csrf()).param("action", "shred").param("hashes", NEW))
                .flash().containsEntry("error", "Nothing changed: choose block, unblock, ignore or unignore.");
        assertThat(mvc.post().uri("/admin/unknown-torrents/not-a-hash/block").with(csrf()))
                .flash().extractingByKey("error").asString().startsWith("Nothing changed: ");
        verifyNoInteractions(ignored);
    }

    @Test
    void settingAHashAsideAndBackSaysWhatItMeans() {
        assertThat(mvc.post().uri("/admin/unknown-torrents/" + NEW + "/ignore").with(csrf()))
                .flash().containsEntry("success", "Set aside " + NEW + ": hidden from this list; the tracker still refuses it.");
        verify(ignored).ignore(NEW, "admin");
        assertThat(mvc.post().uri("/admin/unknown-torrents/" + SET_ASIDE + "/unignore").with(csrf()))
                .flash().containsEntry("success", "Back on the list: " + SET_ASIDE + ".");
        verify(ignored).unignore(SET_ASIDE);
    }

    private static UnknownTorrent foreign(String hex, boolean blocked) {
        return new UnknownTorrent(InfoHash.fromHex(hex), SEEN, SEEN.plusSeconds(60), 3, 1,
                List.of(new UnknownTorrent.Count("198.51.100.7", 3)), List.of(new UnknownTorrent.Count("-qB4650-", 3)), blocked);
    }
}
