package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.torrent.bencode.RandomBencode;

/** Random mutations of real signed torrents: readable answers only, never another exception. */
class TorrentPropertyTests {

    @TempDir
    Path dir;

    @Test
    void mutatedSignedTorrentsGiveReadableAnswersAndStayGenuineOnlyWithTheirInfoIntact()
            throws Exception {
        PublisherIdentity publisher = TestIdentities.in(dir, "com.example.shows");
        Torrent original = publisher.sign(PublisherIdentityTests.torrent(), "guid", Instant.EPOCH);
        byte[] signed = original.bytes();
        RandomBencode random = new RandomBencode(new Random(35));
        for (int i = 0; i < 3_000; i++) {
            byte[] mutated = random.mutate(signed);
            try {
                Torrent.parse(mutated);
            } catch (InvalidTorrentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            Verification verification = publisher.verify(mutated);
            assertThat(verification.reason()).isNotBlank();
            if (verification.genuine()) { // only unsigned keys (announce, url-list ...) may have changed
                assertThat(Torrent.parse(mutated).infoHash()).isEqualTo(original.infoHash());
            }
        }
    }
}
