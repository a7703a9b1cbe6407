package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Chapters files checked as Podcasting 2.0 JSON chapters; transcripts taken as WebVTT, SRT converted. */
class CompanionFilesTests {

    @Test
    void chaptersAreReadInOrderWithTheirStartsAndTitles() {
        var chapters = Chapters.parse("""
                {"version": "1.2.0", "chapters": [
                  {"startTime": 0, "title": "Intro"},
                  {"startTime": 95.5, "title": "News", "url": "https://example.org"},
                  {"startTime": 3725}]}""");

        assertThat(chapters).extracting(Chapters.Chapter::start).containsExactly("0:00", "1:35", "1:02:05");
        assertThat(chapters).extracting(Chapters.Chapter::title).containsExactly("Intro", "News", "Chapter 3");
    }

    @Test
    void aChaptersFileThatIsNotOneSaysWhatIsWrong() {
        assertThatThrownBy(() -> Chapters.parse("{\"version\": \"1.2.0\", \"chapters\": [")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Chapters.parse("[]")).hasMessageContaining("\"chapters\" array");
        assertThatThrownBy(() -> Chapters.parse("{\"version\":\"1.2.0\",\"chapters\":[{\"title\":\"x\"}]}"))
                .hasMessageContaining("chapter 1 needs a \"startTime\"");
        assertThatThrownBy(() -> Chapters.parse("{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":9},{\"startTime\":3}]}"))
                .hasMessageContaining("chapter 2 starts before");
        assertThatThrownBy(() -> Chapters.parse("{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":0,\"title\":7}]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be text");
    }

    @Test
    void srtBecomesWebVttAndWebVttStaysAsItIs() {
        String srt = "\uFEFF1\r\n0:00:01,000 --> 0:00:04,250\r\nHello & welcome\r\n\r\n2\r\n00:00:05,000 --> 00:00:07,000\r\nBye\r\n";

        assertThat(Transcripts.toWebVtt(srt)).isEqualTo(
                "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.250\nHello & welcome\n\n2\n00:00:05.000 --> 00:00:07.000\nBye\n");
        String vtt = "WEBVTT\n\n00:01.000 --> 00:04.000\nHi\n";
        assertThat(Transcripts.toWebVtt(vtt)).isEqualTo(vtt);
    }

    @Test
    void aTranscriptWithoutTimedLinesIsRefused() {
        assertThatThrownBy(() -> Transcripts.toWebVtt("just some words")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("WebVTT or SRT");
        assertThatThrownBy(() -> Transcripts.toWebVtt("WEBVTT\n\nno cues")).hasMessageContaining("no cue");
    }
}
