package org.seedcast.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.RequiredTools;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TusClient;

/**
 * The media directory on a real, small filesystem that fills up. It needs one the test may fill:
 * {@code SEEDCAST_TEST_SMALL_DISK} names the mount point of a small tmpfs the test user can write,
 * which {@code .ci/run} mounts (as root:
 * {@code mount -t tmpfs -o size=48m,uid=seedcast,gid=seedcast,mode=0700 tmpfs DIR}).
 */
@ExtendWith(ExternalPostgres.Extension.class)
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
class DiskFullIntegrationTests {

    private static final long AT_MOST = 256L * 1024 * 1024;
    private static final int MB = 1024 * 1024;

    static Path disk;
    static RunningSeedcast app;
    static Studio studio;

    @BeforeAll
    static void start(ExternalPostgres postgres) throws IOException {
        disk = Path.of(RequiredTools.requireEnvironment("SEEDCAST_TEST_SMALL_DISK",
                "the mount point of a small tmpfs the tests may fill; .ci/run mounts one when it runs as root"));
        long size = Files.getFileStore(disk).getTotalSpace();
        assertThat(size).as("SEEDCAST_TEST_SMALL_DISK must be a small filesystem: the test fills it").isLessThanOrEqualTo(AT_MOST);
        Path dataDir = disk.resolve("seedcast");
        deleteRecursively(dataDir);
        Files.deleteIfExists(disk.resolve("ballast")); // left by a run that failed half-way
        postgres.createDatabase("disk_full");
        app = RunningSeedcast.start(RunningSeedcast.settings(postgres, "disk_full", dataDir,
                "seedcast.uploads.free-space-reserve=1MB"));
        studio = new Studio(app.port());
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (disk != null) {
            deleteRecursively(disk.resolve("seedcast"));
            Files.deleteIfExists(disk.resolve("ballast"));
        }
    }

    @Test
    void aFullDiskGivesAClearErrorDamagesNothingAndTheUploadResumesOnceThereIsSpace() throws Exception {
        byte[] stored = Media.mp4(2 * MB, 51);
        String published = studio.publishInNewShow("disk-full", stored);
        String media = Studio.local(JsonPath.read(published, "$.mediaUrl"));
        TusClient tus = new TusClient(studio.admin(), "disk-full");

        HttpResponse<String> tooBig = tus.tryCreate(60L * MB, "too-big.mp4", "Larger than the disk");
        assertThat(tooBig.statusCode()).as("an upload that cannot fit is refused at once").isEqualTo(507);

        byte[] content = Media.mp4(8 * MB + 4321, 52);
        String upload = tus.create(content.length, "filling.mp4", "Fills the disk");
        assertThat(tus.patch(upload, 0, Arrays.copyOfRange(content, 0, 2 * MB)).statusCode()).isEqualTo(204);
        Path ballast = fillLeaving(MB);

        HttpResponse<String> full = tus.patch(upload, 2 * MB, Arrays.copyOfRange(content, 2 * MB, content.length));
        assertThat(full.statusCode()).as("the disk is full: " + full.body()).isEqualTo(507);
        assertThat(full.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<byte[]> before = Http.at(app.port()).sendForBytes(Http.at(app.port()).request(media).build());
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(TusClient.sha256(before.body())).as("an episode stored earlier is intact").isEqualTo(TusClient.sha256(stored));

        Files.delete(ballast);
        long offset = tus.offset(upload);
        assertThat(offset).as("the server keeps what it acknowledged and what it stored").isBetween(2L * MB, (long) content.length - 1);
        HttpResponse<String> rest = tus.patch(upload, offset, Arrays.copyOfRange(content, (int) offset, content.length));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        String episode = studio.admin().get("/api/episodes/" + rest.headers().firstValue("Seedcast-Episode-Id").orElseThrow()).body();
        assertThat((String) JsonPath.read(episode, "$.sha256")).isEqualTo(TusClient.sha256(content));
    }

    /** Writes a file until the disk is full, then gives back {@code free} bytes of it. */
    private static Path fillLeaving(long free) throws IOException {
        Path ballast = disk.resolve("ballast");
        byte[] chunk = new byte[MB];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on device: the disk is full
        }
        try (FileChannel channel = FileChannel.open(ballast, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - free));
        }
        return ballast;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
