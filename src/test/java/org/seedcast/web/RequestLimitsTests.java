package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLimitsTests {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RequestLimits limits = new RequestLimits(new WebProperties.Limits(20, 100, 16, List.of("192.0.2.0/24")), now::get);

    @Test
    void anAddressFloodingPagesGets429BeyondItsBurstWhileAnotherIsStillServed() throws Exception {
        int served = 0;
        for (int i = 0; i < 1000; i++) {
            served += status(get("/shows/news", "198.51.100.7")) == 200 ? 1 : 0;
        }
        MockHttpServletResponse refused = get("/shows/news", "198.51.100.7");

        assertThat(served).isEqualTo(100);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("Connection")).isEqualTo("close");
        assertThat(status(get("/shows/news", "198.51.100.8"))).isEqualTo(200);
    }

    @Test
    void theBudgetRefillsAtTheSustainedRate() throws Exception {
        for (int i = 0; i < 100; i++) {
            get("/", "198.51.100.7");
        }
        assertThat(status(get("/", "198.51.100.7"))).isEqualTo(429);

        now.addAndGet(500); // half a second: ten more at 20 a second
        int served = 0;
        for (int i = 0; i < 20; i++) {
            served += status(get("/", "198.51.100.7")) == 200 ? 1 : 0;
        }
        assertThat(served).isEqualTo(10);
    }

    @Test
    void aClockSteppedBackRefillsNothingAndRefusesNothingMore() throws Exception {
        for (int i = 0; i < 50; i++) {
            get("/", "198.51.100.7");
        }
        now.addAndGet(-3_600_000);
        int served = 0;
        for (int i = 0; i < 60; i++) {
            served += status(get("/", "198.51.100.7")) == 200 ? 1 : 0;
        }
        assertThat(served).as("the 50 left of the burst, as before the step").isEqualTo(50);
    }

    @Test
    void anAddressMayHaveSixteenRequestsInProgressAndNoMore() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        nested(20, statuses); // each request is still being served while the next one arrives

        assertThat(statuses).filteredOn(s -> s == 429).hasSize(4);
        assertThat(status(get("/verify", "198.51.100.7"))).as("all have finished").isEqualTo(200);
    }

    @Test
    void exemptAddressesAndHealthChecksAreNotCountedButStaticAssetsAre() throws Exception {
        for (int i = 0; i < 500; i++) {
            assertThat(status(get("/shows/news", "192.0.2.44"))).isEqualTo(200);
            assertThat(status(get("/actuator/health", "198.51.100.9"))).isEqualTo(200);
        }
        assertThat(status(get("/shows/news", "198.51.100.9"))).isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            get("/css/seedcast.css", "198.51.100.7");
        }
        assertThat(status(get("/css/seedcast.css", "198.51.100.7"))).isEqualTo(429);
    }

    @Test
    void anApiClientGetsAProblemDetail() throws Exception {
        for (int i = 0; i < 100; i++) {
            get("/api/shows", "198.51.100.7");
        }
        MockHttpServletResponse refused = get("/api/shows", "198.51.100.7");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429");
    }

    private void nested(int depth, List<Integer> statuses) throws Exception {
        if (depth == 0) {
            return;
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] served = {false};
        FilterChain chain = (request, answer) -> {
            served[0] = true;
            try {
                nested(depth - 1, statuses);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        limits.doFilter(request("/verify", "198.51.100.7"), response, chain);
        if (!served[0]) {
            nested(depth - 1, statuses); // refused at once: the next one comes while the others are still served
        }
        statuses.add(response.getStatus());
    }

    private MockHttpServletResponse get(String path, String address) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request(path, address), response, (request, answer) -> { });
        return response;
    }

    private static MockHttpServletRequest request(String path, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(address);
        return request;
    }

    private static int status(MockHttpServletResponse response) {
        return response.getStatus();
    }
}
