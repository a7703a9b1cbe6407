package org.seedcast.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a tool as a child process: its arguments as a list, never through a shell (a file name or URL is one
 * argument whatever it holds), no standard input, what it prints kept up to a bound and the rest drained, and
 * killed when it runs past its time (a crafted file can make a demuxer loop).
 */
final class ChildProcess {

    private static final int MAX_OUTPUT = 1 << 20;
    private static final int MAX_ERRORS = 4 << 10;

    private ChildProcess() {
    }

    /** What a finished run printed: standard output whole (up to 1 MiB), the start of its error output. */
    record Result(int exitCode, byte[] output, String errors) {

        /** The first line of the error output, or the exit code when it printed none. */
        String reason() {
            String line = errors.strip().lines().findFirst().orElse("");
            return line.isEmpty() ? "exit code " + exitCode : line;
        }
    }

    static Result run(List<String> command, Duration timeout) throws IOException, TimeoutException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
        try {
            Reader output = Reader.start(process.getInputStream(), MAX_OUTPUT);
            Reader errors = Reader.start(process.getErrorStream(), MAX_ERRORS);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(command.getFirst() + " took longer than " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.bytes(), new String(errors.bytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.getFirst() + " ran", e);
        } finally {
            if (process.isAlive()) {
                killAndReap(process);
            }
        }
    }

    /**
     * SIGKILL, then waits for the exit so the caller returns with the child gone, not still exiting (or left a
     * zombie) while the next file's run starts. A killed process exits at once; the bound is for a child stuck in
     * an uninterruptible read, which no signal ends sooner.
     */
    private static void killAndReap(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Reads a stream on a virtual thread until it ends, keeping its first {@code max} bytes. */
    private static final class Reader {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;

        private Reader(InputStream in, int max) {
            this.thread = Thread.ofVirtual().start(() -> drain(in, max));
        }

        static Reader start(InputStream in, int max) {
            return new Reader(in, max);
        }

        private void drain(InputStream in, int max) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.max(0, Math.min(n, max - kept.size())));
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed: what was read is what there is
            }
        }

        byte[] bytes() throws InterruptedException {
            thread.join(Duration.ofSeconds(5));
            synchronized (kept) {
                return kept.toByteArray();
            }
        }
    }
}
