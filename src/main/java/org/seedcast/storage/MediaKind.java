package org.seedcast.storage;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises audio, video and artwork by their first bytes ("magic numbers"), never by the name a
 * user gave the file. 512 bytes are enough for every format here
 * (an MPEG transport stream is recognised by its sync byte every 188 bytes).
 */
public final class MediaKind {

    /** How many leading bytes {@link #sniffMedia} and {@link #sniffImage} want to see. */
    public static final int SNIFF_LENGTH = 512;

    private MediaKind() {
    }

    /** The MIME type of an audio or video file, or empty when the bytes are not one we accept. */
    public static Optional<String> sniffMedia(byte[] head, int length) {
        if (length >= 12 && ascii(head, 4, "ftyp")) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("M4A") || brand.startsWith("M4B")) {
                return Optional.of("audio/mp4");
            }
            return Optional.of(brand.startsWith("qt") ? "video/quicktime" : "video/mp4");
        }
        if (length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3) {
            return Optional.of(contains(head, length, "webm") ? "video/webm" : "video/x-matroska");
        }
        if (length >= 12 && ascii(head, 0, "RIFF")) {
            if (ascii(head, 8, "WAVE")) {
                return Optional.of("audio/wav");
            }
            if (ascii(head, 8, "AVI ")) {
                return Optional.of("video/x-msvideo");
            }
        }
        if (length >= 4 && ascii(head, 0, "OggS")) {
            return Optional.of("audio/ogg");
        }
        if (length >= 4 && ascii(head, 0, "fLaC")) {
            return Optional.of("audio/flac");
        }
        if (length >= 3 && ascii(head, 0, "ID3")) {
            return Optional.of("audio/mpeg");
        }
        if (length >= 4 && head[0] == 0x00 && head[1] == 0x00 && head[2] == 0x01 && (head[3] & 0xFF) == 0xBA) {
            return Optional.of("video/mpeg");
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && ((head[1] & 0xF6) == 0xF0)) {
            return Optional.of("audio/aac");
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && ((head[1] & 0xE0) == 0xE0)) {
            return Optional.of("audio/mpeg");
        }
        if (length >= 377 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47) {
            return Optional.of("video/mp2t");
        }
        return Optional.empty();
    }

    /** The file extension (without the dot) for a type {@link #sniffMedia} returns; {@code mp4} for anything else. */
    public static String extensionOf(String mediaType) {
        return switch (mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT)) {
            case "video/webm" -> "webm";
            case "video/x-matroska" -> "mkv";
            case "video/quicktime" -> "mov";
            case "audio/mpeg" -> "mp3";
            case "audio/mp4" -> "m4a";
            case "audio/ogg" -> "ogg";
            case "audio/flac" -> "flac";
            case "audio/wav" -> "wav";
            case "audio/aac" -> "aac";
            case "video/x-msvideo" -> "avi";
            case "video/mp2t" -> "ts";
            case "video/mpeg" -> "mpg";
            default -> "mp4";
        };
    }

    /** The MIME type of a PNG, JPEG or WebP image, or empty. */
    public static Optional<String> sniffImage(byte[] head, int length) {
        if (length >= 8 && (head[0] & 0xFF) == 0x89 && ascii(head, 1, "PNG")) {
            return Optional.of("image/png");
        }
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        if (bytes.length < offset + expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[offset + i] != (byte) expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, int length, String needle) {
        for (int i = 0; i + needle.length() <= length; i++) {
            if (ascii(bytes, i, needle)) {
                return true;
            }
        }
        return false;
    }
}
