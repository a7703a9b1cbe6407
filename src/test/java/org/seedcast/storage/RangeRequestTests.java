package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTests {

    @Test
    void resolvesAClosedRange() {
        assertThat(RangeRequest.parse("bytes=0-1048575", 5_000_000)).isEqualTo(new RangeRequest(0, 1048575));
    }

    @Test
    void clampsTheEndToTheFile() {
        assertThat(RangeRequest.parse("bytes=4999000-9999999", 5_000_000)).isEqualTo(new RangeRequest(4_999_000, 4_999_999));
    }

    @Test
    void resolvesOpenAndSuffixRanges() {
        assertThat(RangeRequest.parse("bytes=100-", 1000)).isEqualTo(new RangeRequest(100, 999));
        assertThat(RangeRequest.parse("bytes=-100", 1000)).isEqualTo(new RangeRequest(900, 999));
        assertThat(RangeRequest.parse("bytes=-5000", 1000)).isEqualTo(new RangeRequest(0, 999));
    }

    @Test
    void reportsRangesPastTheEndAsUnsatisfiable() {
        assertThat(RangeRequest.parse("bytes=1000-", 1000)).isSameAs(RangeRequest.UNSATISFIABLE);
        assertThat(RangeRequest.parse("bytes=-0", 1000)).isSameAs(RangeRequest.UNSATISFIABLE);
    }

    @Test
    void ignoresWhatItCannotServeAsOneRange() {
        assertThat(RangeRequest.parse(null, 1000)).isNull();
        assertThat(RangeRequest.parse("bytes=0-1,5-6", 1000)).as("multiple ranges: the whole file").isNull();
        assertThat(RangeRequest.parse("items=0-1", 1000)).isNull();
        assertThat(RangeRequest.parse("bytes=abc-def", 1000)).isNull();
        assertThat(RangeRequest.parse("bytes=500-100", 1000)).isNull();
        assertThat(RangeRequest.parse("bytes=99999999999999999999-", 1000)).isNull();
        assertThat(RangeRequest.parse("bytes=--5", 1000)).as("a negative suffix does not parse").isNull();
        assertThat(RangeRequest.parse("bytes=0-5,", 1000)).as("a list, even of one").isNull();
    }
}
