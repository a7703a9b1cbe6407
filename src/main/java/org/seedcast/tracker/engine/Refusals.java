package org.seedcast.tracker.engine;

import org.seedcast.tracker.protocol.HttpAnswers;
import org.seedcast.tracker.protocol.UdpCodec;

/**
 * The refusals' texts, encoded once at start for both transports, so that refusing a flood
 * allocates nothing and an HTTP and a UDP client are told the same words.
 */
final class Refusals {

    /** BEP 3 {@code failure reason} strings, bencoded. */
    final byte[] unknown;
    final byte[] blocked;
    final byte[] banned;
    final byte[] rateLimited;
    final byte[] tooManyConnections;
    final byte[] internalError;
    /** BEP 15 error messages. */
    final byte[] udpUnknown;
    final byte[] udpBlocked;
    final byte[] udpRateLimited;

    /** @param publisher the name a refused client reads as the one whose torrents this tracker serves */
    Refusals(String publisher) {
        String only = "this tracker only serves " + publisher + "'s torrents";
        String isBlocked = only + "; this torrent is blocked";
        String slowDown = "too many requests from your address; slow down";
        unknown = HttpAnswers.reason(only);
        blocked = HttpAnswers.reason(isBlocked);
        banned = HttpAnswers.reason("your address is banned from this tracker");
        rateLimited = HttpAnswers.reason(slowDown);
        tooManyConnections = HttpAnswers.reason("too many connections from your address");
        internalError = HttpAnswers.reason("internal tracker error");
        udpUnknown = UdpCodec.message(only);
        udpBlocked = UdpCodec.message(isBlocked);
        udpRateLimited = UdpCodec.message(slowDown);
    }
}
