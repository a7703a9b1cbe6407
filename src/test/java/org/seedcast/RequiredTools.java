package org.seedcast;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real tools (mktorrent, aria2c, openssl, python3-libtorrent ...) that interop tests
 * run. A missing tool skips the test with a message saying what to install, unless the system
 * property {@code seedcast.requireTools} is {@code true} (CI), where it fails the test instead.
 */
public final class RequiredTools {

    /** The interpreter that imports each module asked for so far, or none. */
    private static final Map<String, Optional<Path>> PYTHONS = new ConcurrentHashMap<>();

    private RequiredTools() {
    }

    /** The executable {@code command} on the PATH, or a skipped (or failed) test. */
    public static Path require(String command) {
        return find(command).orElseGet(() -> missing(command + " is not on the PATH"));
    }

    /**
     * A Python 3 interpreter that can import {@code module}: the PATH's first, then the
     * system's {@code /usr/bin/python3} (Debian's python3-* packages install there, and a
     * pyenv on the PATH does not see them). Looked up once per module and run: each try starts an
     * interpreter, and many tests ask for the same module.
     */
    public static Path requirePythonModule(String module) {
        Optional<Path> python = PYTHONS.computeIfAbsent(module, RequiredTools::findPython);
        return python.orElseGet(() -> missing("no python3 can import " + module + " (Debian: python3-" + module + ")"));
    }

    private static Optional<Path> findPython(String module) {
        Set<Path> candidates = new LinkedHashSet<>();
        find("python3").ifPresent(candidates::add);
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system)) {
            candidates.add(system);
        }
        for (Path python : candidates) {
            if (exitCode(List.of(python.toString(), "-c", "import " + module)) == 0) {
                return Optional.of(python);
            }
        }
        return Optional.empty();
    }

    /**
     * A program of Debian's PostgreSQL server ({@code initdb}, {@code pg_ctl}, {@code postgres}) from
     * the newest version under {@code /usr/lib/postgresql}; they are not on the PATH.
     */
    public static Path requirePostgresProgram(String program) {
        Path versions = Path.of("/usr/lib/postgresql");
        try (var dirs = Files.exists(versions) ? Files.list(versions) : java.util.stream.Stream.<Path>empty()) {
            return dirs.map(dir -> dir.resolve("bin").resolve(program)).filter(Files::isExecutable)
                    .max(java.util.Comparator.comparingInt(RequiredTools::postgresVersion))
                    .orElseGet(() -> missing("no " + program + " under /usr/lib/postgresql/*/bin (Debian: postgresql)"));
        } catch (IOException e) {
            return missing("cannot list /usr/lib/postgresql: " + e);
        }
    }

    /**
     * The value of the environment variable {@code name}, or a skipped (or failed) test whose
     * message says what to do: {@code howToSetUp}.
     */
    public static String requireEnvironment(String name, String howToSetUp) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return missing(name + " is not set (" + howToSetUp + ")");
        }
        return value;
    }

    /** Runs a command to its end (2 minutes at most) and returns its standard output. */
    public static String run(List<String> command) {
        try {
            Path output = Files.createTempFile("tool", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 2 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The last {@code count} lines of a tool's log, to say why it failed; a line saying so when there is none. */
    public static String logTail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int postgresVersion(Path program) {
        try {
            return Integer.parseInt(program.getParent().getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int exitCode(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Optional<Path> find(String command) {
        List<Path> directories = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                directories.add(Path.of(directory));
            }
        }
        return directories.stream().map(directory -> directory.resolve(command))
                .filter(Files::isExecutable).findFirst();
    }

    private static <T> T missing(String problem) {
        if (Boolean.getBoolean("seedcast.requireTools")) {
            throw new AssertionError(problem + ", and seedcast.requireTools=true requires it");
        }
        Assumptions.abort(problem + ": skipped (set seedcast.requireTools=true to fail instead)");
        return null;
    }
}
