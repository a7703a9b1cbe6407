package org.seedcast.torrent;

import java.util.Optional;

/**
 * The outcome of checking a torrent's BEP 35 signature, for a page or a command line.
 *
 * @param verdict  what was found
 * @param signerId the signer's reverse-DNS id the verdict is about, or {@code null} when none
 * @param reason   one human-readable line saying why
 */
public record Verification(Verdict verdict, String signerId, String reason) {

    public boolean genuine() {
        return verdict == Verdict.GENUINE;
    }

    public Optional<String> signer() {
        return Optional.ofNullable(signerId);
    }

    static Verification of(Verdict verdict, String signerId, String reason) {
        return new Verification(verdict, signerId, reason);
    }
}
