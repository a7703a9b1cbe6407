package org.seedcast.torrent;

/** What a BEP 35 signature check found. Only {@link #GENUINE} means "trust this torrent". */
public enum Verdict {
    /** Signed by the expected publisher (or, with no publisher given, by every signer listed), and unchanged since. */
    GENUINE,
    /** A signature is there but does not match: the info dict or the signed details were changed. */
    TAMPERED,
    /** No BEP 35 signature at all (it may have been stripped). */
    UNSIGNED,
    /** Signed, but not by the expected publisher or not with its certificate. */
    SIGNED_BY_OTHER,
    /** Not a torrent that can be read at all. */
    MALFORMED
}
