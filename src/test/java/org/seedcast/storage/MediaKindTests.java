package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MediaKindTests {

    @Test
    void recognisesMp4AndQuickTimeAndM4aByTheirFtypBox() {
        assertThat(MediaKind.sniffMedia(ftyp("isom"), 12)).hasValue("video/mp4");
        assertThat(MediaKind.sniffMedia(ftyp("qt  "), 12)).hasValue("video/quicktime");
        assertThat(MediaKind.sniffMedia(ftyp("M4A "), 12)).hasValue("audio/mp4");
    }

    @Test
    void recognisesMatroskaAndWebm() {
        byte[] ebml = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm'};
        assertThat(MediaKind.sniffMedia(ebml, ebml.length)).hasValue("video/webm");
        assertThat(MediaKind.sniffMedia(ebml, 4)).hasValue("video/x-matroska");
    }

    @Test
    void recognisesCommonAudio() {
        assertThat(MediaKind.sniffMedia(ascii("ID3\u0004\u0000"), 5)).hasValue("audio/mpeg");
        assertThat(MediaKind.sniffMedia(new byte[] {(byte) 0xFF, (byte) 0xFB, 0x50}, 3)).hasValue("audio/mpeg");
        assertThat(MediaKind.sniffMedia(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50}, 3)).hasValue("audio/aac");
        assertThat(MediaKind.sniffMedia(ascii("OggS\u0000"), 5)).hasValue("audio/ogg");
        assertThat(MediaKind.sniffMedia(ascii("fLaC"), 4)).hasValue("audio/flac");
        assertThat(MediaKind.sniffMedia(ascii("RIFF\u0000\u0000\u0000\u0000WAVE"), 12)).hasValue("audio/wav");
    }

    @Test
    void everyRecognisedTypeHasItsOwnExtension() {
        assertThat(MediaKind.extensionOf("audio/mpeg")).isEqualTo("mp3");
        assertThat(MediaKind.extensionOf("video/quicktime")).isEqualTo("mov");
        assertThat(MediaKind.extensionOf("audio/mp4")).isEqualTo("m4a");
        assertThat(MediaKind.extensionOf("video/mp2t")).isEqualTo("ts");
        assertThat(MediaKind.extensionOf("text/html")).as("never the uploader's").isEqualTo("mp4");
    }

    @Test
    void recognisesAnMpegTransportStreamByItsSyncBytes() {
        byte[] ts = new byte[512];
        ts[0] = 0x47;
        ts[188] = 0x47;
        ts[376] = 0x47;
        assertThat(MediaKind.sniffMedia(ts, ts.length)).hasValue("video/mp2t");
        ts[188] = 0;
        assertThat(MediaKind.sniffMedia(ts, ts.length)).isEmpty();
    }

    @Test
    void refusesTextScriptsArchivesAndImagesWhateverTheirName() {
        assertThat(MediaKind.sniffMedia(ascii("#!/bin/sh\nrm -rf /"), 18)).isEmpty();
        assertThat(MediaKind.sniffMedia(ascii("<html><body>"), 12)).isEmpty();
        assertThat(MediaKind.sniffMedia(new byte[] {'P', 'K', 3, 4, 0, 0}, 6)).isEmpty();
        assertThat(MediaKind.sniffMedia(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 8)).isEmpty();
        assertThat(MediaKind.sniffMedia(new byte[0], 0)).isEmpty();
    }

    @Test
    void recognisesArtworkImages() {
        assertThat(MediaKind.sniffImage(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 8)).hasValue("image/png");
        assertThat(MediaKind.sniffImage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 4)).hasValue("image/jpeg");
        assertThat(MediaKind.sniffImage(ascii("RIFF\u0000\u0000\u0000\u0000WEBP"), 12)).hasValue("image/webp");
        assertThat(MediaKind.sniffImage(ascii("<svg onload=alert(1)>"), 21)).isEmpty();
    }

    private static byte[] ftyp(String brand) {
        return ascii("\u0000\u0000\u0000\u0018ftyp" + brand);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
