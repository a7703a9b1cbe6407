package org.seedcast.catalog.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.seedcast.catalog.CatalogChanged;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * A show's public page as anonymous visitors see it, rendered once and kept as bytes until the
 * catalog changes, like the feeds: a page then costs a map look-up, not database queries and a
 * template, which keeps pages quick while the tracker's event loops share the cores with a flood.
 * Signed-in visitors, and anyone with a session (flash messages), get the page rendered for them.
 * The kept page is rendered without a CSRF token (anonymous visitors have nothing to post from
 * it), so no session is made for it either. Runs after the security filters, so their headers
 * are written as for any page.
 * <p>
 * Pages are kept by the decoded slug, so percent-encoded spellings of one address ({@code /shows/%73ec})
 * share its entry instead of each adding one, and the pages kept are bounded in number and bytes:
 * past either bound, other pages make room (any of them: a show page is cheap to render again).
 */
@Component
class ShowPageCache extends OncePerRequestFilter {

    private static final Pattern SHOW_PAGE = Pattern.compile("/shows/[^/]+");

    static final int MAX_PAGES = 500;
    static final long MAX_BYTES = 32L << 20;

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final int maxPages;
    private final long maxBytes;

    ShowPageCache() {
        this(MAX_PAGES, MAX_BYTES);
    }

    ShowPageCache(int maxPages, long maxBytes) {
        this.maxPages = maxPages;
        this.maxBytes = maxBytes;
    }

    private record Page(byte[] bytes, String contentType) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getQueryString() != null
                || !SHOW_PAGE.matcher(request.getRequestURI()).matches()
                || request.getSession(false) != null || !anonymous();
    }

    private static boolean anonymous() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = UrlPathHelper.defaultInstance.getLookupPathForRequest(request);
        if (!SHOW_PAGE.matcher(key).matches()) { // decoding made more of it than one slug
            chain.doFilter(request, response);
            return;
        }
        Page hit = pages.get(key);
        if (hit != null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(hit.contentType());
            response.setContentLength(hit.bytes().length);
            response.getOutputStream().write(hit.bytes());
            return;
        }
        long before = generation.get();
        ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
        chain.doFilter(new WithoutCsrfToken(request), rendered);
        if (rendered.getStatus() == HttpServletResponse.SC_OK && rendered.getContentType() != null
                && rendered.getContentType().startsWith("text/html")) {
            keep(key, new Page(rendered.getContentAsByteArray(), rendered.getContentType()), before);
        }
        rendered.copyBodyToResponse();
    }

    /** Adds the page within the bounds; synchronized so the byte count and the map agree (hits never wait for it). */
    private synchronized void keep(String key, Page page, long renderedAt) {
        if (page.bytes().length > maxBytes / 4) {
            return;
        }
        Page replaced = pages.put(key, page);
        bytes.addAndGet(page.bytes().length - (replaced == null ? 0 : replaced.bytes().length));
        if (generation.get() != renderedAt) { // raced with a change: served once, not kept
            forget(key);
            return;
        }
        var others = pages.keySet().iterator();
        while ((pages.size() > maxPages || bytes.get() > maxBytes) && others.hasNext()) {
            String other = others.next();
            if (!other.equals(key)) {
                forget(other);
            }
        }
    }

    private void forget(String key) {
        Page removed = pages.remove(key);
        if (removed != null) {
            bytes.addAndGet(-removed.bytes().length);
        }
    }

    int size() {
        return pages.size();
    }

    long bytes() {
        return bytes.get();
    }

    /** After the change is committed, so a page rendered next cannot read the state before it. */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void on(CatalogChanged change) {
        generation.incrementAndGet();
        pages.clear();
        bytes.set(0);
    }

    /** Hides the request's CSRF token from the template, which then leaves it out of the page. */
    private static final class WithoutCsrfToken extends HttpServletRequestWrapper {

        WithoutCsrfToken(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            Object value = super.getAttribute(name);
            return value instanceof CsrfToken ? null : value;
        }
    }
}
