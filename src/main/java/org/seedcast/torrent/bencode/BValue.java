package org.seedcast.torrent.bencode;

import java.util.Optional;

/**
 * A bencoded value (BEP 3): an integer, a byte string, a list or a dictionary.
 * Values built in code have no span; decoded values know where they stood in their input.
 */
public sealed interface BValue permits BInteger, BString, BList, BDict {

    /** The value's bytes in the input it was decoded from; empty for a value built in code. */
    Optional<Span> span();
}
