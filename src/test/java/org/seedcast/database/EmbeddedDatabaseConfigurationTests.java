package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseConfigurationTests {

    @TempDir
    Path tmp;

    @Test
    void stopsAPostgresLeftRunningOnTheDataDirectory() throws Exception {
        Path fakePostgres = tmp.resolve("bin/postgres");
        Files.createDirectories(fakePostgres.getParent());
        Files.copy(Path.of("/bin/sleep"), fakePostgres, StandardCopyOption.COPY_ATTRIBUTES);
        Process orphan = new ProcessBuilder(fakePostgres.toString(), "300").start();
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n/data\n");

        EmbeddedDatabaseConfiguration.stopOrphan(data);

        assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("the orphan was stopped").isTrue();
    }

    @Test
    void leavesOtherProcessesAlone() throws Exception {
        Process other = new ProcessBuilder("/bin/sleep", "300").start();
        try {
            Path data = Files.createDirectories(tmp.resolve("data"));
            Files.writeString(data.resolve("postmaster.pid"), other.pid() + "\n");

            EmbeddedDatabaseConfiguration.stopOrphan(data);

            assertThat(other.isAlive()).as("not a postgres: a recycled pid must survive").isTrue();
        } finally {
            other.destroy();
        }
    }

    @Test
    void ignoresAMissingOrUnreadablePidFile() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        EmbeddedDatabaseConfiguration.stopOrphan(data);
        Files.writeString(data.resolve("postmaster.pid"), "not a pid\n");
        EmbeddedDatabaseConfiguration.stopOrphan(data);
        assertThat(data.resolve("postmaster.pid")).exists();
    }
}
