package org.seedcast.seeder;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.torrent.InfoHash;

/**
 * The torrents the seed serves, in memory, looked up by the info-hash a peer's handshake names: the
 * v1 hash, or the truncated v2 hash of a hybrid (BEP 52). Loaded at start, kept current by the
 * publishing events.
 */
final class SeedRegistry {

    private final Map<InfoHash, SeededTorrent> byHash = new ConcurrentHashMap<>();
    private final Map<Long, SeededTorrent> byEpisode = new ConcurrentHashMap<>();
    /** The hashes again, under HASH('req2', hash): how an encrypted handshake names its torrent. */
    private final Map<InfoHash, InfoHash> obfuscated = new ConcurrentHashMap<>();

    /**
     * Serves a torrent; another one already served for the episode is withdrawn first, and the same
     * one (an event and a reconcile both adding it) is kept with its peers.
     */
    void add(SeededTorrent torrent) {
        SeededTorrent current = byEpisode.get(torrent.episodeId());
        if (current != null && current.v1().equals(torrent.v1())) {
            return;
        }
        remove(torrent.episodeId());
        byEpisode.put(torrent.episodeId(), torrent);
        byHash.put(torrent.v1(), torrent);
        obfuscated.put(obfuscated(torrent.v1()), torrent.v1());
        if (torrent.v2Truncated() != null) {
            byHash.put(torrent.v2Truncated(), torrent);
            obfuscated.put(obfuscated(torrent.v2Truncated()), torrent.v2Truncated());
        }
    }

    /** Stops serving an episode's torrent and closes its peers; false if it was not served. */
    boolean remove(long episodeId) {
        SeededTorrent torrent = byEpisode.remove(episodeId);
        if (torrent == null) {
            return false;
        }
        byHash.remove(torrent.v1(), torrent);
        obfuscated.remove(obfuscated(torrent.v1()));
        if (torrent.v2Truncated() != null) {
            byHash.remove(torrent.v2Truncated(), torrent);
            obfuscated.remove(obfuscated(torrent.v2Truncated()));
        }
        torrent.withdraw();
        return true;
    }

    /** Replaces everything served with {@code torrents}. */
    void replaceAll(List<SeededTorrent> torrents) {
        List.copyOf(byEpisode.keySet()).forEach(this::remove);
        torrents.forEach(this::add);
    }

    SeededTorrent find(InfoHash hash) {
        return byHash.get(hash);
    }

    /** The info-hash an encrypted handshake names by HASH('req2', info-hash), or null if not served. */
    InfoHash findObfuscated(InfoHash req2) {
        return obfuscated.get(req2);
    }

    private static InfoHash obfuscated(InfoHash hash) {
        return InfoHash.of(EncryptedHandshake.sha1(EncryptedHandshake.bytes("req2"), hash.toBytes()));
    }

    Collection<SeededTorrent> all() {
        return byEpisode.values();
    }

    int size() {
        return byEpisode.size();
    }
}
