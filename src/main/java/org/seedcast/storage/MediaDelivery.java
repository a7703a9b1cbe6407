package org.seedcast.storage;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Answers a GET or HEAD of an episode's published media and accounts for it: the bytes sent, by
 * kind of client ({@link WebSeedTraffic}), and a direct download begun ({@link MediaDownloaded}).
 * A BitTorrent client's web-seed fetch from byte 0 is not a direct download: that fan downloads the
 * torrent and shows up in its swarm.
 */
@Component
class MediaDelivery {

    private final MediaResponder responder;
    private final WebSeedTraffic traffic;
    private final ApplicationEventPublisher events;

    MediaDelivery(MediaResponder responder, WebSeedTraffic traffic, ApplicationEventPublisher events) {
        this.responder = responder;
        this.traffic = traffic;
        this.events = events;
    }

    /** {@code file} is the media's file when the caller already found it, else {@code null}. */
    void deliver(long episodeId, MediaDirectory.PublicMedia media, MediaFile file, HttpServletRequest request,
                 HttpServletResponse response) throws IOException {
        MediaResponder.Served served = file == null
                ? responder.serve(media, request, response, MediaResponder.MEDIA_CACHE)
                : responder.serve(media, file, request, response, MediaResponder.MEDIA_CACHE);
        if (served.length() == 0) {
            return;
        }
        WebSeedTraffic.Client client = BitTorrentClients.of(request.getHeader(HttpHeaders.USER_AGENT),
                request.getHeader(HttpHeaders.RANGE));
        traffic.add(episodeId, client, served.length());
        if (client == WebSeedTraffic.Client.PLAIN && served.downloadBegun()) {
            events.publishEvent(new MediaDownloaded(episodeId));
        }
    }
}
