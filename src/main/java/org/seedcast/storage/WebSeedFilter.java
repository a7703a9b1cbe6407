package org.seedcast.storage;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web seed's fast path: BitTorrent clients fetch published media in 1 MiB ranges, thousands
 * of times a second, so a GET or HEAD of {@code /media/{episodeId}/{fileName}} for a published
 * episode is answered here, before the per-address request limits, the security chain, Spring MVC
 * and request observation, which would cost more than the bytes. Only what the catalog already
 * holds in memory is answered here: anything that needs the database (an unknown id, an episode
 * not asked for since the last change) goes down the chain unchanged, so it is counted against its
 * address's request budget before any look-up, and the controller answers it (and fills the
 * catalog's memory, so the fans' next ranges come this way). Otherwise anybody could make us query
 * the database once per request, at any rate, by asking for ids that do not exist.
 */
class WebSeedFilter implements Filter {

    static final String PREFIX = "/media/";

    private final MediaDirectory directory;
    private final MediaStore store;
    private final MediaDelivery delivery;

    WebSeedFilter(MediaDirectory directory, MediaStore store, MediaDelivery delivery) {
        this.directory = directory;
        this.store = store;
        this.delivery = delivery;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Optional<Target> target = servable(request);
        if (target.isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        Target found = target.get();
        delivery.deliver(found.episodeId(), found.media(), found.file(), request, response);
    }

    /** A published episode's media, found once: the path parsed, the catalog's memory asked, the file located. */
    private record Target(long episodeId, MediaDirectory.PublicMedia media, MediaFile file) {
    }

    private Optional<Target> servable(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Optional.empty();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int slash = path.indexOf('/', PREFIX.length());
        if (!path.startsWith(PREFIX) || slash < 0 || path.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        long episodeId;
        try {
            episodeId = Long.parseLong(path.substring(PREFIX.length(), slash));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String fileName = path.substring(slash + 1);
        return directory.knownPublishedMedia(episodeId)
                .filter(m -> m.fileName().equals(fileName))
                .flatMap(m -> store.locate(m.mediaId(), m.size()).map(file -> new Target(episodeId, m, file)));
    }
}
