package org.seedcast.seeder;

import java.util.Locale;

/** Why the seed closed a connection; the metrics' {@code reason} tag. */
enum CloseReason {
    // refused before or at the handshake
    /**
     * An encrypted handshake (MSE/PE) the seed cannot finish: the peer offers RC4 alone for what follows (the seed
     * sends in plaintext only), or the handshake is malformed.
     */
    ENCRYPTED(true),
    /**
     * An encrypted handshake past the seed's budget of Diffie-Hellman exchanges a second ({@link ExchangeBudget}):
     * a client that allows plaintext comes back with it.
     */
    ENCRYPTION_BUDGET(true),
    /** Not the BitTorrent protocol string. */
    NOT_BITTORRENT(true),
    /** An info-hash the seed does not serve. */
    UNKNOWN_TORRENT(true),
    /** An address the tracker bans. */
    BANNED(true),
    /** The address already has its share of connections. */
    ADDRESS_LIMIT(true),
    /** The handshake did not complete in time. */
    HANDSHAKE_TIMEOUT(true),
    // closed later
    /** A message the protocol does not allow: a bad request, an oversized frame, a bad bitfield. */
    PROTOCOL_VIOLATION(false),
    /** Requests kept coming past the queue the seed announced ({@code reqq}). */
    REQUEST_FLOOD(false),
    /** The peer has every piece: two seeds have nothing to exchange. */
    PEER_IS_SEED(false),
    /** No message for the idle timeout. */
    IDLE(false),
    /** At capacity, the connection idle longest made room for a newcomer. */
    SHED(false),
    /** The episode was withdrawn, or the seed stops. */
    WITHDRAWN(false);

    private final boolean refusal;

    CloseReason(boolean refusal) {
        this.refusal = refusal;
    }

    /** Whether the connection was refused before it could ask for anything. */
    boolean refusal() {
        return refusal;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
