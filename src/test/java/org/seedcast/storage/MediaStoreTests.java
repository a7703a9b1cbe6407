package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.support.Media;
import org.seedcast.torrent.FileHasher;
import org.seedcast.torrent.MerkleLayers;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.util.unit.DataSize;

/** The store keeps a hybrid's leaf layer beside its file, so the seed never hashes a file to answer a peer. */
class MediaStoreTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsAHybridsLeafLayerBesideItsFileAndDeletesItWithTheFile() throws Exception {
        MediaStore store = store();
        byte[] content = Media.mp4(1_300_000, 1);

        StoredMedia media = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.HYBRID);

        PieceHashes hashes = store.hashes(media.id()).orElseThrow();
        MerkleLayers tree = store.merkleLayers(media.id()).orElseThrow();
        assertThat(tree.piecesRoot()).isEqualTo(hashes.piecesRoot().orElseThrow());
        assertThat(Files.readAllBytes(leaves(media.id()))).isEqualTo(leafLayer(content));
        assertThat(tree.answer(0, 0, 4, 2)).as("block hashes answered from the kept leaves").isPresent();
        assertThat(Files.list(dataDir.resolve("tmp"))).as("no temporary file left").isEmpty();

        store.delete(media.id());

        assertThat(leaves(media.id())).doesNotExist();
        assertThat(store.merkleLayers(media.id())).isEmpty();
    }

    @Test
    void keepsNoLeavesForAV1File() throws Exception {
        MediaStore store = store();
        byte[] content = Media.mp4(100_000, 2);

        StoredMedia media = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.V1);

        assertThat(leaves(media.id())).doesNotExist();
        assertThat(store.merkleLayers(media.id())).isEmpty();
    }

    @Test
    void aFileHashedAnewForAHybridKeepsItsLeavesAndHybridHashes() throws Exception {
        MediaStore store = store();
        byte[] content = Media.mp4(700_000, 3);
        StoredMedia media = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.V1);

        PieceHashes hybrid = store.hashAnew(media.id(), TorrentFormat.HYBRID);

        assertThat(hybrid.fileSha256()).hasValue(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(store.hashes(media.id()).orElseThrow().format()).isEqualTo(TorrentFormat.HYBRID);
        assertThat(store.merkleLayers(media.id()).orElseThrow().piecesRoot())
                .isEqualTo(hybrid.piecesRoot().orElseThrow());
    }

    @Test
    void theBackfillHashesOnceEachHybridStoredWithoutItsLeaves() throws Exception {
        MediaStore store = store();
        byte[] first = Media.mp4(600_000, 4);
        byte[] second = Media.mp4(900_000, 5);
        UUID kept = store.importMedia(new ByteArrayInputStream(first), first.length, TorrentFormat.HYBRID).id();
        UUID legacy = store.importMedia(new ByteArrayInputStream(second), second.length, TorrentFormat.HYBRID).id();
        store.importMedia(new ByteArrayInputStream(first), first.length, TorrentFormat.V1);
        Files.delete(leaves(legacy)); // as stored before leaves were kept

        assertThat(store.hybridsWithoutLeaves()).containsOnlyKeys(legacy);
        int done = new LeafBackfill(store, new FileHasher(1)).run();

        assertThat(done).isEqualTo(1);
        assertThat(Files.readAllBytes(leaves(legacy))).isEqualTo(leafLayer(second));
        assertThat(store.merkleLayers(legacy)).isPresent();
        assertThat(store.merkleLayers(kept)).isPresent();
        assertThat(store.hybridsWithoutLeaves()).isEmpty();
        assertThat(new LeafBackfill(store, new FileHasher(1)).run()).as("nothing left to do").isZero();
    }

    @Test
    void theBackfillKeepsNoLeavesForAFileThatNoLongerMatchesItsHashes() throws Exception {
        MediaStore store = store();
        byte[] content = Media.mp4(600_000, 6);
        UUID id = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.HYBRID).id();
        Files.delete(leaves(id));
        content[500_000] ^= 1;
        Files.write(dataDir.resolve("media").resolve(id + ".media"), content);

        assertThat(new LeafBackfill(store, new FileHasher(1)).run()).isZero();

        assertThat(leaves(id)).doesNotExist();
        assertThat(store.merkleLayers(id)).isEmpty();
    }

    @Test
    void aLeafFileOfTheWrongSizeCountsAsMissing() throws Exception {
        MediaStore store = store();
        byte[] content = Media.mp4(600_000, 7);
        UUID id = store.importMedia(new ByteArrayInputStream(content), content.length, TorrentFormat.HYBRID).id();
        byte[] kept = Files.readAllBytes(leaves(id));
        Files.write(leaves(id), Arrays.copyOf(kept, kept.length - 32));

        assertThat(store.merkleLayers(id)).isEmpty();
        assertThat(store.hybridsWithoutLeaves()).containsOnlyKeys(id);
    }

    @Test
    void aRestartSweepsHalfWrittenHashesFromTheMediaDirectory() throws Exception {
        store();
        Path partial = dataDir.resolve("media").resolve(UUID.randomUUID() + ".leaves.part");
        Files.write(partial, new byte[64]);

        store();

        assertThat(partial).doesNotExist();
    }

    private Path leaves(UUID id) {
        return dataDir.resolve("media").resolve(id + ".leaves");
    }

    private MediaStore store() throws Exception {
        return onDisk(new StorageProperties(dataDir,
                new StorageProperties.Uploads(DataSize.ofMegabytes(64), DataSize.ofBytes(0), 8, Duration.ofMinutes(10), DataSize.ofMegabytes(8))));
    }

    /** A store keeping its files in the media directory of {@code properties}. */
    static MediaStore onDisk(StorageProperties properties) throws IOException {
        return new MediaStore(properties, new FileObjects(properties.mediaDir()));
    }

    /** The SHA-256 of each 16 KiB block, concatenated. */
    static byte[] leafLayer(byte[] content) throws Exception {
        int blocks = (content.length + 16383) / 16384;
        byte[] leaves = new byte[blocks * 32];
        for (int i = 0; i < blocks; i++) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(content, i * 16384, Math.min(16384, content.length - i * 16384));
            System.arraycopy(sha256.digest(), 0, leaves, i * 32, 32);
        }
        return leaves;
    }

}
