package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileWindowsTests {

    private static final int WINDOW = 128 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "unmapped at once: {0}")
    @ValueSource(booleans = {true, false})
    void aWindowIsGivenBackWhenEveryReaderHasReadAllOfIt(boolean unmapAtOnce) throws Exception {
        byte[] bytes = PieceHasherTests.bytes(3 * WINDOW + 1000, 3);
        Path path = dir.resolve("episode.mp4");
        Files.write(path, bytes);
        try (FileChannel channel = FileChannel.open(path);
                FileWindows windows = new FileWindows(channel, bytes.length, WINDOW, 2, unmapAtOnce)) {
            AtomicReference<ByteBuffer> first = new AtomicReference<>();
            byte[] copy = new byte[1000];
            windows.read(0, 1000, view -> {
                first.set(view);
                view.get(copy);
            });
            assertThat(copy).isEqualTo(java.util.Arrays.copyOf(bytes, 1000));
            assertThat(windows.mappedWindows()).isEqualTo(1);

            windows.read(1000, WINDOW - 1000, view -> { }); // the first reader is done with window 0
            assertThat(windows.mappedWindows()).isEqualTo(1);
            windows.read(0, WINDOW, view -> { });            // and so is the second
            assertThat(windows.mappedWindows()).isZero();
            if (unmapAtOnce && Runtime.version().feature() >= 22) {
                assertThatThrownBy(() -> first.get().get(0)).isInstanceOf(IllegalStateException.class);
            }
            assertThatThrownBy(() -> windows.read(0, 10, view -> { })).isInstanceOf(IllegalStateException.class);

            // the last window is shorter than the others
            windows.read(3L * WINDOW, 1000, view -> assertThat(view.remaining()).isEqualTo(1000));
            assertThat(windows.mappedWindows()).isEqualTo(1);
            windows.close();
            assertThat(windows.mappedWindows()).isZero();
        }
    }
}
