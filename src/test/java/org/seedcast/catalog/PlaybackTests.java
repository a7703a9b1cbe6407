package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackTests {

    @Test
    void browsersPlayMp4AndWebmVideoAndCommonAudioInTheirElements() {
        assertThat(Playback.of("video/mp4").element()).isEqualTo("video");
        assertThat(Playback.of("VIDEO/WEBM")).isEqualTo(Playback.VIDEO);
        assertThat(Playback.of("audio/mpeg").element()).isEqualTo("audio");
        assertThat(Playback.of("audio/ogg")).isEqualTo(Playback.AUDIO);
    }

    @Test
    void containersBrowsersDoNotPlayHaveNoPlayer() {
        for (String type : new String[] {"video/x-matroska", "video/quicktime", "video/x-msvideo", "video/mp2t", "video/mpeg"}) {
            assertThat(Playback.of(type).playable()).as(type).isFalse();
        }
        assertThat(Playback.of(null)).isEqualTo(Playback.NONE);
        assertThat(Playback.NONE.element()).isNull();
    }
}
