package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PieceLengthTests {

    @ParameterizedTest(name = "{0} bytes -> pieces of {1}")
    @CsvSource({
            "1,               16384",     // never below 16 KiB
            "32768000,        16384",     // 2,000 pieces of 16 KiB
            "32768001,        32768",
            "104857600,       65536",     // 100 MiB: 1,600 pieces
            "1073741824,      1048576",   // 1 GiB: 1,024 pieces
            "2147483648,      2097152",   // 2 GiB: 1,024 pieces
            "1099511627776,   16777216",  // 1 TiB: capped at 16 MiB
    })
    void aimsAtOneToTwoThousandPieces(long fileLength, int expected) {
        assertThat(PieceLength.forFileLength(fileLength)).isEqualTo(expected);
    }
}
