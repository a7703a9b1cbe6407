package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableFileNameTests {

    @Test
    void keepsSafeNamesAndReplacesTheRest() {
        assertThat(StableFileName.from("My Episode (final).mp4", "video/mp4")).isEqualTo("My-Episode-final.mp4");
        assertThat(StableFileName.from("ep01.webm", "video/webm")).isEqualTo("ep01.webm");
    }

    @Test
    void dropsDirectoriesSoAPathCannotEscape() {
        assertThat(StableFileName.from("../../etc/passwd", "video/mp4")).isEqualTo("passwd.mp4");
        assertThat(StableFileName.from("C:\\Users\\me\\clip.mov", "video/quicktime")).isEqualTo("clip.mov");
    }

    @Test
    void foldsAccentsAndGivesUnnamedFilesAnExtensionFromTheirType() {
        assertThat(StableFileName.from("Café señor.mp3", "audio/mpeg")).isEqualTo("Cafe-senor.mp3");
        assertThat(StableFileName.from("日本語", "audio/ogg")).isEqualTo("episode.ogg");
        assertThat(StableFileName.from("", "video/webm")).isEqualTo("episode.webm");
        assertThat(StableFileName.from("..", "video/mp4")).isEqualTo("episode.mp4");
    }

    @Test
    void theExtensionComesFromTheRecognisedTypeNeverFromTheUploader() {
        assertThat(StableFileName.from("x.hta", "audio/mpeg")).isEqualTo("x.mp3");
        assertThat(StableFileName.from("episode.html", "video/mp4")).isEqualTo("episode.mp4");
        assertThat(StableFileName.from("run me.bat", "audio/ogg")).isEqualTo("run-me.ogg");
        assertThat(StableFileName.from("cover.svg", "video/webm")).isEqualTo("cover.webm");
        assertThat(StableFileName.from("clip.MOV", "video/quicktime")).isEqualTo("clip.mov");
        assertThat(StableFileName.from("talk.mp3", "audio/mp4")).isEqualTo("talk.m4a");
    }

    @Test
    void keepsDotsThatAreNotAnExtension() {
        assertThat(StableFileName.from("Show 1.5", "audio/mpeg")).isEqualTo("Show-1.5.mp3");
        assertThat(StableFileName.from("show.ep1.final.mp4", "video/mp4")).isEqualTo("show.ep1.final.mp4");
    }

    @Test
    void shortensVeryLongNamesButKeepsTheExtension() {
        String name = StableFileName.from("a".repeat(300) + ".mkv", "video/x-matroska");
        assertThat(name).hasSize(120).endsWith(".mkv");
    }
}
