package org.seedcast.seeder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the publisher's own seed runs ({@code seedcast.seeder.*}). Whether it runs, and the host and
 * port it is advertised as, are {@code publishing.SeedAddress}'s, bound from the same prefix.
 *
 * @param bindAddress              address to listen on, or blank for all
 * @param threads                  event-loop threads; 0 for one per core
 * @param uploadRate               bytes per second sent over all peers; 0 for no cap
 * @param peerUploadRate           bytes per second sent to one peer; 0 for no cap
 * @param unchokeSlots             interested peers of one torrent served at once, besides the
 *                                 optimistic slot
 * @param rotationInterval         how often the served peers of a torrent are rotated (round robin)
 * @param requestQueue             requests one peer may have outstanding ({@code reqq}); more close it.
 *                                 libtorrent's own seed allows 500, and a single fast leecher keeps that
 *                                 many in flight: with fewer it waits on the seed, not on the wire
 * @param maxConnections           open peer connections at most; at capacity the one idle longest
 *                                 is closed for a newcomer
 * @param maxConnectionsPerAddress open peer connections per source address (IPv6: per /64)
 * @param handshakeTimeout         a connection must complete its handshake this long after it opened
 * @param idleTimeout              a peer silent this long (no message, not even a keep-alive) is closed
 * @param keepAliveInterval        a keep-alive is sent after this long without sending anything
 * @param spreading                episodes published less than this long ago serve the interested
 *                                 peers with the fewest pieces first, so that fans can share sooner;
 *                                 zero turns it off
 * @param pieceCache               pieces of media kept in a bucket ({@code SEEDCAST_STORAGE=s3}) that the seed
 *                                 holds in memory, read whole with one ranged GET each; media on this node's
 *                                 disk are sent from the file and use none of it
 * @param encryptedHandshakesPerSecond encrypted handshakes (MSE/PE) the seed answers a second, across all
 *                                 peers, agreeing on plaintext for what follows (aria2 and libtorrent open with
 *                                 one). Each costs a Diffie-Hellman exchange (two 768-bit modular powers, under a
 *                                 millisecond of CPU) before the peer has named a torrent, so the budget bounds
 *                                 what anyone can make the seed spend; past it, and with 0, they are closed at
 *                                 their first bytes and clients that allow it come back in plaintext
 */
@ConfigurationProperties("seedcast.seeder")
record SeederProperties(String bindAddress,
                        @DefaultValue("0") int threads,
                        @DefaultValue("0") DataSize uploadRate,
                        @DefaultValue("0") DataSize peerUploadRate,
                        @DefaultValue("8") int unchokeSlots,
                        @DefaultValue("15s") Duration rotationInterval,
                        @DefaultValue("500") int requestQueue,
                        @DefaultValue("2000") int maxConnections,
                        @DefaultValue("16") int maxConnectionsPerAddress,
                        @DefaultValue("10s") Duration handshakeTimeout,
                        @DefaultValue("4m") Duration idleTimeout,
                        @DefaultValue("2m") Duration keepAliveInterval,
                        @DefaultValue("0") Duration spreading,
                        @DefaultValue("64MB") DataSize pieceCache,
                        @DefaultValue("100") int encryptedHandshakesPerSecond) {

    SeederProperties {
        if (unchokeSlots < 1) {
            throw new IllegalArgumentException("seedcast.seeder.unchoke-slots must be at least 1");
        }
        if (requestQueue < 1) {
            throw new IllegalArgumentException("seedcast.seeder.request-queue must be at least 1");
        }
        if (encryptedHandshakesPerSecond < 0) {
            throw new IllegalArgumentException("seedcast.seeder.encrypted-handshakes-per-second must be 0 (off) or more");
        }
    }

    int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
