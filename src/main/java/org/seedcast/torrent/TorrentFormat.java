package org.seedcast.torrent;

/**
 * Which hashes a torrent carries. {@link #V1} (BEP 3) reaches every client; {@link #HYBRID}
 * (BEP 52 and BEP 3 in one info dict) adds the v2 merkle hashes for libtorrent 2 and
 * Transmission 4 users, but Transmission 3 cannot parse it and aria2 1.36 gets its v1 hash wrong.
 */
public enum TorrentFormat {
    V1,
    HYBRID;

    /** Whether the torrent carries the v2 merkle hashes (BEP 52). */
    public boolean hasV2() {
        return this == HYBRID;
    }
}
