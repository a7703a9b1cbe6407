package org.seedcast.catalog.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.EpisodeStatus;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.MediaFacts;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/** A producer schedules in their own time zone, which the browser sends along with the wall-clock time. */
class StudioScheduleTests {

    final Catalog catalog = mock(Catalog.class);
    final SeedcastUser user = mock(SeedcastUser.class);

    @Test
    void theTimeIsReadInTheBrowsersZone() {
        when(catalog.publish(anyLong(), any(), any())).thenReturn(scheduled());

        new StudioController(catalog, null, null, null).schedule(5, "2027-01-10T09:00", "Europe/Berlin", user,
                new RedirectAttributesModelMap());

        verify(catalog).publish(5, Instant.parse("2027-01-10T08:00:00Z"), user);
    }

    @Test
    void anUnknownZoneFallsBackToTheServersZone() {
        when(catalog.publish(anyLong(), any(), any())).thenReturn(scheduled());

        new StudioController(catalog, null, null, null).schedule(5, "2027-01-10T09:00", "Not/AZone", user,
                new RedirectAttributesModelMap());

        verify(catalog).publish(5, LocalDateTime.parse("2027-01-10T09:00").atZone(ZoneId.systemDefault()).toInstant(), user);
    }

    private static EpisodeView scheduled() {
        return new EpisodeView(5, 1, "s", null, "T", "", null, null, EpisodeStatus.SCHEDULED, null, null, null,
                "t.mp4", "video/mp4", 1L, "", null, null, null, MediaFacts.none());
    }
}
