package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.Media;
import org.seedcast.support.S3Proxy;
import org.seedcast.torrent.FileHasher;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.util.unit.DataSize;

/**
 * The store with its files in a bucket of a real S3-compatible server (S3Proxy): the same media, hashes
 * and block hashes as on disk, nothing of them left on this node's disk, ranges read exactly.
 */
@BesideTheSuite
class MediaStoreInBucketTests {

    @TempDir
    Path dataDir;

    String bucket;
    MediaStore store;

    @BeforeEach
    void store() throws Exception {
        bucket = S3Proxy.bucket("store-" + UUID.randomUUID());
        store = new MediaStore(properties(), objects(BucketObjects.PART_SIZE));
    }

    @Test
    void keepsAHybridsFileHashesAndLeavesInTheBucketAndNothingOnDisk() throws Exception {
        byte[] content = Media.mp4(1_300_000, 11);

        StoredMedia media = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.HYBRID);

        assertThat(S3Proxy.keys(bucket)).containsExactly("media/" + media.id() + ".hashes",
                "media/" + media.id() + ".leaves", "media/" + media.id() + ".media");
        assertThat(media.sha256()).isEqualTo(sha256(content));
        PieceHashes hashes = store.hashes(media.id()).orElseThrow();
        assertThat(store.merkleLayers(media.id()).orElseThrow().piecesRoot()).isEqualTo(hashes.piecesRoot().orElseThrow());
        MediaFile file = store.find(media.id()).orElseThrow();
        assertThat(file.size()).isEqualTo(content.length);
        assertThat(file.localPath()).as("no local file: sends stream from the bucket").isEmpty();
        try (InputStream range = file.open(1_000_001, 70_000)) {
            assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1_000_001, 1_070_001));
        }
        assertThat(Files.list(dataDir.resolve("tmp"))).as("no temporary file left").isEmpty();
        assertThat(dataDir.resolve("media")).doesNotExist();
    }

    @Test
    void deletingRemovesEveryObjectOfTheFile() throws Exception {
        byte[] content = Media.mp4(400_000, 12);
        StoredMedia media = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.HYBRID);

        store.delete(media.id());

        assertThat(S3Proxy.keys(bucket)).isEmpty();
        assertThat(store.find(media.id())).isEmpty();
        assertThat(store.hashes(media.id())).isEmpty();
        assertThatThrownBy(() -> store.locate(media.id(), content.length).orElseThrow().open(0, 10))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void hashesAFileAnewAndBackfillsLeavesFromACopyOfTheObject() throws Exception {
        byte[] content = Media.mp4(700_000, 13);
        UUID id = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.V1).id();

        PieceHashes hybrid = store.hashAnew(id, TorrentFormat.HYBRID);

        assertThat(hybrid.fileSha256()).hasValue(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(store.merkleLayers(id).orElseThrow().piecesRoot()).isEqualTo(hybrid.piecesRoot().orElseThrow());
        try (var s3 = S3Proxy.client()) {
            s3.deleteObject(r -> r.bucket(bucket).key("media/" + id + ".leaves"));
        }
        assertThat(store.hybridsWithoutLeaves()).containsOnlyKeys(id);

        assertThat(new LeafBackfill(store, new FileHasher(1)).run()).isOne();

        assertThat(store.merkleLayers(id)).isPresent();
        assertThat(Files.list(dataDir.resolve("tmp"))).as("the copies are removed").isEmpty();
    }

    @Test
    void keepsArtworkInTheBucket() throws Exception {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 1000);

        StoredMedia image = store.importImage(new ByteArrayInputStream(png));

        assertThat(image.mediaType()).isEqualTo("image/png");
        try (InputStream in = store.find(image.id()).orElseThrow().open(0, png.length)) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void aFileLargerThanAPartIsUploadedInPartsAndReadBackAcrossThem() throws Exception {
        long part = DataSize.ofMegabytes(5).toBytes(); // the smallest part S3 allows
        BucketObjects objects = objects(part);
        byte[] content = new byte[(int) (2 * part + 12_345)];
        new Random(14).nextBytes(content);
        Path file = Files.write(dataDir.resolve("big"), content);

        objects.put("big.media", file);

        assertThat(file).as("moved into the bucket").doesNotExist();
        assertThat(objects.size("big.media")).isEqualTo(content.length);
        try (InputStream across = objects.read("big.media", part - 100, 200)) {
            assertThat(across.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, (int) part - 100, (int) part + 100));
        }
        assertThat(objects.size("missing.media")).isEqualTo(-1);
    }

    private BucketObjects objects(long partSize) {
        StorageProperties.S3 s3 = properties().s3();
        return new BucketObjects(BucketObjects.client(s3), s3.bucket(), partSize);
    }

    private StorageProperties properties() {
        return new StorageProperties(dataDir,
                new StorageProperties.Uploads(DataSize.ofMegabytes(64), DataSize.ofBytes(0), 8, Duration.ofMinutes(10), DataSize.ofMegabytes(8)),
                StorageProperties.Backend.S3, new StorageProperties.S3(S3Proxy.endpoint(), bucket, "us-east-1",
                S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY), StorageProperties.MediaFacts.DEFAULT);
    }

    private static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
