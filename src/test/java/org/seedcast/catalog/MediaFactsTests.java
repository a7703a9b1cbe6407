package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Which files browsers play, judged by container and codecs, and how facts read to a person and a feed. */
class MediaFactsTests {

    @Test
    void whatChromiumFirefoxAndSafariAllPlayHasNoProblem() {
        assertThat(known("h264", "aac").browserProblem("video/mp4")).isNull();
        assertThat(known("av1", "opus").browserProblem("video/mp4")).isNull();
        assertThat(known("vp9", "opus").browserProblem("video/webm")).isNull();
        assertThat(known("vp8", "vorbis").browserProblem("video/webm")).isNull();
        assertThat(known(null, "mp3").browserProblem("audio/mpeg")).isNull();
        assertThat(known(null, "aac").browserProblem("audio/mp4")).isNull();
        assertThat(known(null, "flac").browserProblem("audio/flac")).isNull();
        assertThat(known(null, "pcm_s16le").browserProblem("audio/wav")).isNull();
    }

    @Test
    void aContainerBrowsersDoNotPlayIsAProblemEvenBeforeItsCodecsAreKnown() {
        assertThat(MediaFacts.none().browserProblem("video/x-msvideo"))
                .isEqualTo("browsers do not play its format (video/x-msvideo)");
        assertThat(known("h264", "aac").browserProblem("video/x-matroska"))
                .isEqualTo("browsers do not play its format (video/x-matroska)");
        assertThat(MediaFacts.none().browserProblem("video/mp4")).as("codecs unknown: judged by container").isNull();
    }

    @Test
    void aCodecOutsideWhatEveryBrowserPlaysIsAProblemInAPlayableContainer() {
        assertThat(known("hevc", "aac").browserProblem("video/mp4"))
                .isEqualTo("not every browser plays its video codec (hevc)");
        assertThat(known("h264", "ac3").browserProblem("video/mp4"))
                .isEqualTo("not every browser plays its audio codec (ac3)");
        assertThat(known("h264", "aac").browserProblem("video/webm"))
                .isEqualTo("not every browser plays its video codec (h264)");
    }

    @Test
    void playbackFollowsTheCodecsOnceKnown() {
        assertThat(episode("video/mp4", known(null, "aac")).playback()).as("an MP4 of only audio").isEqualTo(Playback.AUDIO);
        assertThat(episode("video/mp4", known("hevc", "aac")).playback()).isEqualTo(Playback.NONE);
        assertThat(episode("video/mp4", known("h264", "aac")).playback()).isEqualTo(Playback.VIDEO);
        assertThat(episode("video/mp4", MediaFacts.none()).playback()).isEqualTo(Playback.VIDEO);
    }

    @Test
    void durationsReadAsClockTimesAndRoundToWholeSeconds() {
        assertThat(withDuration(3_723_400L).durationText()).isEqualTo("1:02:03");
        assertThat(withDuration(3_723_400L).durationSeconds()).isEqualTo(3_723L);
        assertThat(withDuration(59_600L).durationText()).isEqualTo("1:00");
        assertThat(MediaFacts.none().durationText()).isNull();
    }

    private static MediaFacts known(String video, String audio) {
        return new MediaFacts(MediaFacts.State.KNOWN, 1_000L, video == null ? null : 640, video == null ? null : 360,
                "x", video, audio, null, null);
    }

    private static MediaFacts withDuration(long millis) {
        return new MediaFacts(MediaFacts.State.KNOWN, millis, null, null, "mp3", null, "mp3", UUID.randomUUID(), null);
    }

    private static EpisodeView episode(String mediaType, MediaFacts facts) {
        return new EpisodeView(1, 1, "s", null, "T", "", null, null, EpisodeStatus.DRAFT, null, null, null, "t.mp4",
                mediaType, 1L, "", null, null, null, facts);
    }
}
