package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.env.Environment;

/**
 * Everything an application keeps of its media and uploads, by name, whichever its storage: the files under its data
 * directory and, with {@code SEEDCAST_STORAGE=s3}, the objects of its bucket. For a journey that must leave nothing of
 * an episode or an upload behind on either storage.
 */
public final class Stored {

    private Stored() {
    }

    /** The names of the files and objects the application of {@code environment} keeps now. */
    public static List<String> names(Environment environment) {
        Path dataDir = Path.of(environment.getRequiredProperty("seedcast.data-dir"));
        Stream<String> files = Stream.of("media", "uploads").map(dataDir::resolve).filter(Files::isDirectory)
                .flatMap(Stored::files);
        Stream<String> objects = "s3".equalsIgnoreCase(environment.getProperty("seedcast.storage"))
                ? S3Proxy.keys(environment.getRequiredProperty("seedcast.s3.bucket")).stream() : Stream.empty();
        return Stream.concat(files, objects).toList();
    }

    private static Stream<String> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(Path::toString).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
