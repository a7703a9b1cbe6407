package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.support.Clips;
import org.seedcast.support.S3Proxy;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/**
 * ffprobe and ffmpeg as the probe runs them: on a real clip on disk and in a bucket (read through a presigned
 * URL), on a file that is not media, past its time limit, and not installed at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaProbeTests {

    @TempDir
    Path dataDir;

    @Test
    void readsARealClipsDurationPictureAndCodecsAndKeepsAPosterFrame() throws Exception {
        RequiredTools.require("ffprobe");
        MediaStore store = MediaStoreTests.onDisk(properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT));
        StoredMedia clip = store(store, Clips.webm(dataDir, 4, "160x90"));

        ProbedMedia facts = new MediaProbe(store, properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT)).probe(clip.id());

        assertClip(store, facts);
    }

    @Test
    void readsAClipInABucketThroughAPresignedUrlWithoutCopyingIt() throws Exception {
        RequiredTools.require("ffprobe");
        String bucket = S3Proxy.bucket("probe-" + UUID.randomUUID());
        StorageProperties properties = inBucket(S3Proxy.endpoint(), bucket);
        MediaStore store = bucketStore(properties);
        StoredMedia clip = store(store, Clips.webm(dataDir, 4, "160x90"));

        ProbedMedia facts = new MediaProbe(store, properties).probe(clip.id());

        assertClip(store, facts);
        assertThat(S3Proxy.keys(bucket)).contains("media/" + facts.poster().id() + ".media");
        assertThat(Files.list(dataDir.resolve("tmp"))).as("no copy of the clip, no frame left behind").isEmpty();
    }

    @Test
    void aFileFfprobeCannotReadIsUnreadableWithItsReason() throws Exception {
        RequiredTools.require("ffprobe");
        MediaStore store = MediaStoreTests.onDisk(properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT));
        byte[] notMedia = new byte[4096];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, notMedia, 0, 12);
        StoredMedia stored = store(store, notMedia);

        assertThatThrownBy(() -> new MediaProbe(store, properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT)).probe(stored.id()))
                .isInstanceOfSatisfying(MediaProbe.UnreadableMediaException.class,
                        e -> assertThat(e.passing()).as("no media in it: no retry").isFalse())
                .hasMessageStartingWith("ffprobe could not read it: ");
    }

    @Test
    void aBucketOutOfReachIsAPassingFailureNotAnUnreadableFile() throws Exception {
        RequiredTools.require("ffprobe");
        String bucket = S3Proxy.bucket("probe-" + UUID.randomUUID());
        StoredMedia clip = store(bucketStore(inBucket(S3Proxy.endpoint(), bucket)), Clips.webm(dataDir, 1, "160x90"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StorageProperties down = inBucket(URI.create("http://127.0.0.1:" + closedPort), bucket);
        MediaStore unreachable = bucketStore(down);

        assertThatThrownBy(() -> new MediaProbe(unreachable, down).probe(clip.id()))
                .isInstanceOfSatisfying(MediaProbe.UnreadableMediaException.class,
                        e -> assertThat(e.passing()).as(e.getMessage()).isTrue());
    }

    @Test
    void aBucketThatStaysSilentFailsAsOutOfReachBeforeTheRunsTimeLimit() throws Exception {
        RequiredTools.require("ffprobe");
        String bucket = S3Proxy.bucket("probe-" + UUID.randomUUID());
        StoredMedia clip = store(bucketStore(inBucket(S3Proxy.endpoint(), bucket)), Clips.webm(dataDir, 1, "160x90"));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StorageProperties stalled = properties(StorageProperties.Backend.S3, new StorageProperties.S3(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), bucket, "us-east-1", S3Proxy.ACCESS_KEY,
                    S3Proxy.SECRET_KEY), StorageProperties.MediaFacts.DEFAULT.running("ffprobe", "ffmpeg",
                    Duration.ofSeconds(4)));

            assertThatThrownBy(() -> new MediaProbe(bucketStore(stalled), stalled).probe(clip.id()))
                    .isInstanceOfSatisfying(MediaProbe.UnreadableMediaException.class,
                            e -> assertThat(e.passing()).as(e.getMessage()).isTrue())
                    .as("ffprobe's own I/O time limit, not the run's").hasMessageContaining("Connection timed out");
        }
    }

    @Test
    void anFfprobeThatOverrunsItsTimeIsKilledAndTheFileIsNotTriedAgain() throws Exception {
        Path hanging = dataDir.resolve("hanging-ffprobe");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 60\n");
        assertThat(hanging.toFile().setExecutable(true)).isTrue();
        StorageProperties properties = properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT.running(hanging.toString(), "ffmpeg", Duration.ofSeconds(1)));
        MediaStore store = MediaStoreTests.onDisk(properties);
        StoredMedia stored = store(store, Clips.webm(dataDir, 4, "160x90"));

        assertThatThrownBy(() -> new MediaProbe(store, properties).probe(stored.id()))
                .isInstanceOfSatisfying(MediaProbe.UnreadableMediaException.class,
                        e -> assertThat(e.passing()).as("a hang is not tried again").isFalse())
                .hasMessageContaining("took longer than 1 s");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                .as("the child was killed").noneMatch(child -> child.info().command().orElse("").endsWith("/sleep"));
    }

    @Test
    void withoutFfprobeItSaysSoOnceAndReadsNothing(CapturedOutput output) throws Exception {
        StorageProperties properties = properties(StorageProperties.Backend.FILESYSTEM, null,
                StorageProperties.MediaFacts.DEFAULT.running(dataDir.resolve("no-such/ffprobe").toString(), "ffmpeg",
                        Duration.ofMinutes(1)));
        MediaStore store = MediaStoreTests.onDisk(properties);

        MediaProbe probe = new MediaProbe(store, properties);

        assertThat(probe.available()).isFalse();
        assertThat(probe.available()).isFalse();
        assertThat(output.getAll().split("No ffprobe at ", -1)).as("one log line").hasSize(2);
        assertThat(output.getAll()).contains("install Debian's ffmpeg package");
        assertThatThrownBy(() -> probe.probe(UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
    }

    private static void assertClip(MediaStore store, ProbedMedia facts) throws Exception {
        assertThat(facts.durationSeconds()).isCloseTo(4.0, within(0.1));
        assertThat(facts.width()).isEqualTo(160);
        assertThat(facts.height()).isEqualTo(90);
        assertThat(facts.container()).isEqualTo("matroska,webm");
        assertThat(facts.videoCodec()).isEqualTo("vp8");
        assertThat(facts.audioCodec()).isEqualTo("vorbis");
        assertThat(facts.poster().mediaType()).isEqualTo("image/jpeg");
        try (InputStream poster = store.find(facts.poster().id()).orElseThrow().open(0, 3)) {
            assertThat(poster.readAllBytes()).as("JPEG SOI marker").containsExactly(0xFF, 0xD8, 0xFF);
        }
    }

    private static StoredMedia store(MediaStore store, byte[] content) {
        return store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.V1);
    }

    private StorageProperties inBucket(URI endpoint, String bucket) {
        return properties(StorageProperties.Backend.S3, new StorageProperties.S3(endpoint, bucket, "us-east-1",
                S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY), StorageProperties.MediaFacts.DEFAULT);
    }

    private static MediaStore bucketStore(StorageProperties properties) throws IOException {
        return new MediaStore(properties, new BucketObjects(BucketObjects.client(properties.s3()),
                properties.s3().bucket(), BucketObjects.PART_SIZE));
    }

    private StorageProperties properties(StorageProperties.Backend backend, StorageProperties.S3 s3,
                                         StorageProperties.MediaFacts facts) {
        return new StorageProperties(dataDir,
                new StorageProperties.Uploads(DataSize.ofMegabytes(64), DataSize.ofBytes(0), 8, Duration.ofMinutes(10), DataSize.ofMegabytes(8)),
                backend, s3, facts);
    }

    @Test
    void ffprobesWordsForABucketOutOfReachArePassingAndAFileItCannotParseIsNot() {
        assertThat(MediaProbe.unreachable("http://127.0.0.1:9/b/x?X-Amz=1: Input/output error")).isTrue();
        assertThat(MediaProbe.unreachable("Failed to resolve hostname bucket.example: Name or service not known"))
                .isTrue();
        assertThat(MediaProbe.unreachable("HTTP error 503 Service Unavailable / Server returned 5XX Server Error reply"))
                .isTrue();
        assertThat(MediaProbe.unreachable("Connection to tcp://127.0.0.1:9 failed: Connection refused")).isTrue();
        assertThat(MediaProbe.unreachable("Invalid data found when processing input")).isFalse();
        assertThat(MediaProbe.unreachable("moov atom not found")).isFalse();
    }
}
