package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedcast.catalog.ConflictException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.DispatcherServlet;

/** A studio action that clashes with something goes back to its page with a message a producer can read. */
class StudioRefusalTests {

    @Test
    void aConflictReturnsToTheEpisodePageWithItsMessage() {
        MockHttpServletRequest request = action("/studio/episodes/12/publish");

        String view = controller().refused(new ConflictException("This media file already makes the torrent of \u201cThe original\u201d."), request);

        assertThat(view).isEqualTo("redirect:/studio/episodes/12");
        assertThat(flash(request).get("error")).asString().contains("The original");
    }

    @Test
    void aConcurrentChangeIsExplainedNotA500() {
        MockHttpServletRequest request = action("/studio/episodes/3/delete");

        String view = controller().refused(new ObjectOptimisticLockingFailureException("Episode", 3L), request);

        assertThat(view).isEqualTo("redirect:/studio/episodes/3");
        assertThat(flash(request).get("error")).asString().contains("at the same moment").contains("nothing was changed");
    }

    @Test
    void showActionsGoBackToTheShow() {
        assertThat(StudioController.pageOf("/studio/shows/my-show/artwork")).isEqualTo("/studio/shows/my-show");
        assertThat(StudioController.pageOf("/elsewhere")).isEqualTo("/studio");
    }

    private static StudioController controller() {
        return new StudioController(null, null, null, null);
    }

    private static MockHttpServletRequest action(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE, new FlashMap());
        return request;
    }

    private static FlashMap flash(MockHttpServletRequest request) {
        return (FlashMap) request.getAttribute(DispatcherServlet.OUTPUT_FLASH_MAP_ATTRIBUTE);
    }
}
