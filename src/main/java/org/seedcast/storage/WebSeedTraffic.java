package org.seedcast.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Bytes of published media sent over HTTP ({@code /media/…}), per episode and per kind of client,
 * since the process started. The media answers add to it (a {@link LongAdder}, no lock, no I/O);
 * whoever reports traffic reads cumulative snapshots and takes differences.
 *
 * <p>A byte counts when an answer commits to sending it: the body length of a 200 or 206 to a GET.
 * With sendfile the transfer finishes after the request has left the application, so a client that
 * hangs up early is still counted in full; web seeds ask for a piece or a few at a time, so the
 * error is a few MiB at most per aborted request, while a media player that seeks away from a
 * whole-file GET overstates the plain figure more.
 */
@Component
public class WebSeedTraffic {

    /** Who asked, as {@link BitTorrentClients} tells them apart. */
    public enum Client {
        /** A BitTorrent client using the media as its web seed (BEP 19): part of a torrent download. */
        BITTORRENT,
        /** A browser, a podcast app or a download tool fetching the file itself. */
        PLAIN
    }

    private final Map<Long, LongAdder> bitTorrent = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> plain = new ConcurrentHashMap<>();

    void add(long episodeId, Client client, long bytes) {
        if (bytes > 0) {
            counts(client).computeIfAbsent(episodeId, id -> new LongAdder()).add(bytes);
        }
    }

    /** Bytes sent to this kind of client per episode, cumulative since start. */
    public Map<Long, Long> sentByEpisode(Client client) {
        Map<Long, Long> copy = new HashMap<>();
        counts(client).forEach((episode, bytes) -> copy.put(episode, bytes.sum()));
        return copy;
    }

    /** Bytes sent to this kind of client, all episodes, cumulative since start. */
    public long sent(Client client) {
        long sum = 0;
        for (LongAdder bytes : counts(client).values()) {
            sum += bytes.sum();
        }
        return sum;
    }

    private Map<Long, LongAdder> counts(Client client) {
        return client == Client.BITTORRENT ? bitTorrent : plain;
    }
}
