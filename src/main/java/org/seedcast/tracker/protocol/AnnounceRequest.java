package org.seedcast.tracker.protocol;

/**
 * One announce, from HTTP (BEP 3) or UDP (BEP 15). The peer id is kept only as its first eight
 * bytes, enough to name the client ({@code -qB4500-}); the tracker never stores peer ids.
 *
 * @param infoHash     the torrent
 * @param peerIdPrefix the first 8 bytes of {@code peer_id}, big-endian
 * @param port         the peer's listening port, 1 to 65535
 * @param numWant      peers wanted, or -1 for the tracker's default
 * @param compact      whether compact peer lists (BEP 23) were asked for
 * @param ip           the {@code ip} parameter as sent, or {@code null}; never believed: the address is
 *                     the connection's, or {@code X-Forwarded-For}'s from a trusted proxy
 */
public record AnnounceRequest(HashKey infoHash, long peerIdPrefix, long uploaded, long downloaded,
                              long left, Event event, int port, int numWant, boolean compact, String ip) {

    public boolean seeder() {
        return left == 0;
    }
}
