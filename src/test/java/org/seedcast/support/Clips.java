package org.seedcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.RequiredTools;

/** Real media made by ffmpeg (Debian package {@code ffmpeg}): what a browser actually plays. */
public final class Clips {

    /** Clips already made in this JVM, by file name: the same clip is encoded once per run. */
    private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

    private Clips() {
    }

    /**
     * {@code seconds} of ffmpeg's test pattern at {@code size} ({@code 160x90}) as WebM with VP8 video and
     * a tone in Vorbis, which Chromium plays; made in {@code dir}.
     */
    public static byte[] webm(Path dir, int seconds, String size) {
        return encoded(dir, seconds, size, "webm", "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libvorbis", "-f", "webm");
    }

    /**
     * {@code seconds} of the test pattern and tone at {@code size}, encoded with ffmpeg's {@code outputOptions}
     * (codecs, {@code -f} container) into a file ending {@code .extension} in {@code dir}; made once per run.
     */
    public static byte[] encoded(Path dir, int seconds, String size, String extension, String... outputOptions) {
        Path ffmpeg = RequiredTools.require("ffmpeg");
        String name = "clip-" + size + "-" + seconds + "s-" + String.join(" ", outputOptions).hashCode() + "." + extension;
        byte[] made = MADE.get(name);
        if (made != null) {
            return made.clone();
        }
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-v", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=15",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050", "-t", Integer.toString(seconds)));
        command.addAll(List.of(outputOptions));
        command.add(out.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as("ffmpeg: " + output).isZero();
            byte[] clip = Files.readAllBytes(out);
            MADE.put(name, clip);
            return clip.clone();
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg could not make a clip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
