package org.seedcast.web;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What one client address may ask of the web app: a request rate (a token bucket) and a number of
 * requests in progress at once. Beyond either it gets 429 at once, before anything renders a page,
 * touches the database or reads the body, and its connection is closed. So one address flooding
 * pages cannot take the CPU from everybody else, and one address cannot have more than a few
 * requests served at once. Static assets count too: a page with its scripts and images
 * fits the burst, and a flood of them (compressed anew for each request) would cost as much as
 * pages. Health checks are not counted, nor is the web seed's range traffic for published media
 * (its filter answers it first, from memory); a web-seed request that needs the database (an
 * unknown episode id, say) comes here first, like any other.
 * <p>
 * Addresses are hashed into a fixed table: memory does not grow with the number of addresses, and
 * two addresses that share a slot share its limits (which only makes them stricter).
 */
final class RequestLimits extends OncePerRequestFilter {

    private static final int SLOTS = 1 << 14;

    private final double perSecond;
    private final double burst;
    private final int inProgress;
    private final List<IpAddressMatcher> exempt;
    private final LongSupplier millis;
    private final Slot[] slots = new Slot[SLOTS];

    private static final class Slot {
        double tokens;
        long at;
        int running;
    }

    RequestLimits(WebProperties.Limits limits, LongSupplier millis) {
        this.perSecond = limits.requestsPerSecond();
        this.burst = limits.burst();
        this.inProgress = limits.inProgress();
        this.exempt = MetricsAccess.networks(limits.exempt());
        this.millis = millis;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
            slots[i].tokens = burst;
            slots[i].at = millis.getAsLong();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return perSecond <= 0 || Refusals.path(request).startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (exempt.stream().anyMatch(network -> network.matches(address))) {
            chain.doFilter(request, response);
            return;
        }
        Slot slot = slots[(address.hashCode() * 0x9E3779B9 >>> 18) & (SLOTS - 1)];
        String refusal = admit(slot);
        if (refusal != null) {
            refuse(request, response, refusal);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            synchronized (slot) {
                slot.running--;
            }
        }
    }

    /** Takes a token and a place for the request; null when admitted, else why not. */
    private String admit(Slot slot) {
        long now = millis.getAsLong();
        synchronized (slot) {
            // never a negative refill: a clock stepped back would otherwise hold every address below one token for as long as the step
            slot.tokens = Math.min(burst, slot.tokens + Math.max(0, now - slot.at) * perSecond / 1000);
            slot.at = now;
            if (slot.running >= inProgress) {
                return "Too many requests from your address at once; wait for them to finish.";
            }
            if (slot.tokens < 1) {
                return "Too many requests from your address; slow down.";
            }
            slot.tokens--;
            slot.running++;
            return null;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", "1");
        response.setHeader("Connection", "close");
        Refusals.refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, detail);
    }
}
