package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The kept show pages never exceed their bounds, in pages or in bytes. */
class ShowPageCacheTests {

    @Test
    void theCacheNeverExceedsItsBounds() throws Exception {
        ShowPageCache cache = new ShowPageCache(10, 64 * 1024);
        for (int i = 0; i < 200; i++) {
            render(cache, "/shows/show-" + i, 1_000 + i * 10);
            assertThat(cache.size()).isLessThanOrEqualTo(10);
            assertThat(cache.bytes()).isLessThanOrEqualTo(64 * 1024);
        }
        for (int i = 0; i < 50; i++) {
            render(cache, "/shows/big-" + i, 15_000);
            assertThat(cache.bytes()).isLessThanOrEqualTo(64 * 1024);
        }
        assertThat(cache.size()).isPositive();
    }

    @Test
    void encodedSpellingsOfOneSlugAreOneEntry() throws Exception {
        ShowPageCache cache = new ShowPageCache(10, 64 * 1024);
        render(cache, "/shows/sec", 500);
        render(cache, "/shows/%73ec", 500);
        render(cache, "/shows/%73%65c", 500);
        assertThat(cache.size()).isEqualTo(1);
    }

    private static void render(ShowPageCache cache, String uri, int length) throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        MockHttpServletResponse response = new MockHttpServletResponse();
        cache.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                    throws IOException {
                res.setStatus(200);
                res.setContentType("text/html;charset=UTF-8");
                res.getOutputStream().write(new byte[length]);
            }
        }));
    }
}
