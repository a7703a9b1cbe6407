package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.MovableClock;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.support.Media;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Resumable uploads keep every byte they received through faults on our side. */
class ResumableUploadsTests {

    @TempDir
    Path dataDir;

    final Map<UUID, Upload> rows = new ConcurrentHashMap<>();
    final List<StoredMedia> completed = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToCome = new AtomicInteger();
    final AtomicBoolean diskFull = new AtomicBoolean();
    final AtomicLong usableSpace = new AtomicLong(Long.MAX_VALUE / 2);
    final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    UploadRepository repository;
    UploadTarget target;
    SeedcastUser user;

    @BeforeEach
    void fakes() {
        repository = mock(UploadRepository.class);
        when(repository.save(any(Upload.class))).thenAnswer(call -> {
            Upload upload = call.getArgument(0);
            rows.put(upload.getId(), upload);
            return upload;
        });
        when(repository.findById(any())).thenAnswer(call -> Optional.ofNullable(rows.get(call.<UUID>getArgument(0))));
        doAnswer(call -> rows.remove(call.<Upload>getArgument(0).getId())).when(repository).delete(any(Upload.class));
        when(repository.findByEpisodeIdIsNull()).thenAnswer(call -> rows.values().stream().filter(u -> !u.isComplete()).toList());
        when(repository.countByAccountIdAndEpisodeIdIsNull(anyLong()))
                .thenAnswer(call -> rows.values().stream().filter(u -> !u.isComplete()).count());
        target = mock(UploadTarget.class);
        when(target.authorize(anyString(), any())).thenReturn(new UploadTarget.UploadPlan(1, TorrentFormat.V1));
        when(target.completed(any())).thenAnswer(call -> {
            if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the database is down");
            }
            completed.add(call.<UploadTarget.CompletedUpload>getArgument(0).media());
            return 42L;
        });
        user = mock(SeedcastUser.class);
        when(user.id()).thenReturn(7L);
    }

    @Test
    void aFailedFinalisationKeepsTheBytesAndTheNextHeadFinishesIt() throws Exception {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(300_000, 1);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        failuresToCome.set(1);

        assertThatThrownBy(() -> uploads.append(id, user, 0, new ByteArrayInputStream(content)))
                .hasMessageContaining("database is down");
        assertThat(uploads.status(id, user).offset()).isEqualTo(content.length);

        ResumableUploads.Status head = uploads.status(id, user);

        assertThat(head.episodeId()).isEqualTo(42L);
        assertThat(completed).singleElement().satisfies(media -> {
            assertThat(media.sha256()).isEqualTo(sha256(content));
            assertThat(Files.readAllBytes(dataDir.resolve("media").resolve(media.id() + ".media"))).isEqualTo(content);
            assertThat(dataDir.resolve("media").resolve(media.id() + ".hashes")).exists();
        });
    }

    @Test
    void aPatchAtTheEndFinishesAnUploadWhoseFinalisationFailed() throws Exception {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(200_000, 2);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        failuresToCome.set(1);
        assertThatThrownBy(() -> uploads.append(id, user, 0, new ByteArrayInputStream(content)));

        ResumableUploads.Status patch = uploads.append(id, user, content.length, InputStream.nullInputStream());

        assertThat(patch.episodeId()).isEqualTo(42L);
        assertThat(completed).singleElement().satisfies(media -> assertThat(media.sha256()).isEqualTo(sha256(content)));
    }

    @Test
    void headFinishesAnUploadWhoseBytesArrivedBeforeACrash() throws Exception {
        byte[] content = Media.mp4(250_000, 3);
        UUID id = uploads(DataSize.ofBytes(0), 8).create(content.length, "e.mp4", "show", "E", user);
        Files.write(dataDir.resolve("uploads").resolve(id + ".part"), content);
        rows.get(id).recognised("video/mp4", clock.instant());

        ResumableUploads.Status head = uploads(DataSize.ofBytes(0), 8).status(id, user);

        assertThat(head.episodeId()).isEqualTo(42L);
        assertThat(completed).singleElement().satisfies(media -> assertThat(media.sha256()).isEqualTo(sha256(content)));
    }

    @Test
    void aWebNodeWithoutTheUploadsPartFileAnswers404InsteadOfResumingFromNothing() throws Exception {
        byte[] content = Media.mp4(200_000, 4);
        ResumableUploads onA = uploads(DataSize.ofBytes(0), 8);
        UUID id = onA.create(content.length, "e.mp4", "show", "E", user);
        onA.append(id, user, 0, new ByteArrayInputStream(content, 0, 50_000));
        // another web node shares the database but not the uploads directory
        Files.delete(dataDir.resolve("uploads").resolve(id + ".part"));
        ResumableUploads onB = uploads(DataSize.ofBytes(0), 8);

        assertThatThrownBy(() -> onB.status(id, user)).isInstanceOfSatisfying(RejectedMediaException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> onB.append(id, user, 0, new ByteArrayInputStream(content)))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(completed).isEmpty();
    }

    @Test
    void aFullDiskAnswers507KeepsTheOffsetAndTheUploadResumesOnceSpaceIsFreed() throws Exception {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(3 * 1024 * 1024, 4);
        int half = 1024 * 1024 + 5;
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        assertThat(uploads.append(id, user, 0, new ByteArrayInputStream(content, 0, half)).offset()).isEqualTo(half);
        diskFull.set(true);

        assertThatThrownBy(() -> uploads.append(id, user, half, new ByteArrayInputStream(content, half, content.length - half)))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE.value()))
                .hasMessageContaining("disk is full");
        assertThat(uploads.status(id, user).offset()).isEqualTo(half);
        diskFull.set(false);

        ResumableUploads.Status done = uploads.append(id, user, half, new ByteArrayInputStream(content, half, content.length - half));

        assertThat(done.episodeId()).isEqualTo(42L);
        assertThat(completed).singleElement().satisfies(media -> assertThat(media.sha256()).isEqualTo(sha256(content)));
    }

    @Test
    void creationNeedsRoomForTheFileAndTheReserve() {
        ResumableUploads uploads = uploads(DataSize.ofBytes(1000), 8);
        usableSpace.set(10_999);

        assertThatThrownBy(() -> uploads.create(10_000, "e.mp4", "show", "E", user))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(507));
        assertThat(rows).isEmpty();
        assertThat(uploads.create(9_999, "e.mp4", "show", "E", user)).isNotNull();
    }

    @Test
    void theRoomPromisedToUnfinishedUploadsIsNotOfferedTwice() {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        usableSpace.set(50_000);
        UUID first = uploads.create(30_000, "a.mp4", "show", "A", user);
        uploads.append(first, user, 0, new ByteArrayInputStream(Media.mp4(10_000, 7)));
        usableSpace.set(40_000);

        assertThatThrownBy(() -> uploads.create(20_001, "b.mp4", "show", "B", user))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(507));
        assertThat(uploads.create(20_000, "c.mp4", "show", "C", user)).isNotNull();
    }

    @Test
    void aUserHoldsABoundedNumberOfUnfinishedUploads() {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 2);
        uploads.create(1000, "a.mp4", "show", "A", user);
        uploads.create(1000, "b.mp4", "show", "B", user);

        assertThatThrownBy(() -> uploads.create(1000, "c.mp4", "show", "C", user))
                .isInstanceOfSatisfying(RejectedMediaException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(429))
                .hasMessageContaining("finish or cancel one");
    }

    @Test
    void terminationIsRefusedWhileAnAppendRunsAndNothingComesBack() throws Exception {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(100_000, 5);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream stalling = new InputStream() {
            int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent == 0) {
                    System.arraycopy(content, 0, buffer, offset, 1000);
                    sent = 1000;
                    return 1000;
                }
                reading.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the client went away");
            }
        };
        CompletableFuture<ResumableUploads.Status> append = CompletableFuture.supplyAsync(() -> uploads.append(id, user, 0, stalling));
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> uploads.terminate(id, user))
                .isInstanceOfSatisfying(RejectedMediaException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(423));
        release.countDown();
        assertThat(append.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1000);
        uploads.terminate(id, user);

        assertThat(rows).isEmpty();
        assertThat(dataDir.resolve("uploads").resolve(id + ".part")).doesNotExist();
        assertThatThrownBy(() -> uploads.status(id, user)).hasMessageContaining("No such upload");
    }

    @Test
    void anIdleHasherIsDroppedAndRebuiltFromTheDiskOnResume() throws Exception {
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(2 * 1024 * 1024 + 9, 6);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        uploads.append(id, user, 0, new ByteArrayInputStream(content, 0, 700_000));
        assertThat(uploads.heldHashers()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(11));
        uploads.evictIdleHashers();
        assertThat(uploads.heldHashers()).isZero();

        uploads.append(id, user, 700_000, new ByteArrayInputStream(Arrays.copyOfRange(content, 700_000, content.length)));
        assertThat(completed).singleElement().satisfies(media -> assertThat(media.sha256()).isEqualTo(sha256(content)));
    }

    @Test
    void aHybridUploadKeepsItsLeafLayerBesideTheMediaThroughAnEvictionAndAResume() throws Exception {
        when(target.authorize(anyString(), any())).thenReturn(new UploadTarget.UploadPlan(1, TorrentFormat.HYBRID));
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(2 * 1024 * 1024 + 9, 7);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        uploads.append(id, user, 0, new ByteArrayInputStream(content, 0, 700_000));
        clock.advance(Duration.ofMinutes(11));
        uploads.evictIdleHashers();

        uploads.append(id, user, 700_000, new ByteArrayInputStream(Arrays.copyOfRange(content, 700_000, content.length)));

        assertThat(completed).singleElement().satisfies(media -> {
            assertThat(Files.readAllBytes(dataDir.resolve("media").resolve(media.id() + ".leaves")))
                    .isEqualTo(MediaStoreTests.leafLayer(content));
            MediaStore store = MediaStoreTests.onDisk(properties(DataSize.ofBytes(0), 8));
            assertThat(store.merkleLayers(media.id()).orElseThrow().piecesRoot())
                    .isEqualTo(store.hashes(media.id()).orElseThrow().piecesRoot().orElseThrow());
        });
        assertThat(dataDir.resolve("uploads").resolve(id + ".leaves")).doesNotExist();
    }

    @Test
    void aHybridUploadWhoseBytesArrivedBeforeACrashGetsItsLeafLayerWhenFinished() throws Exception {
        when(target.authorize(anyString(), any())).thenReturn(new UploadTarget.UploadPlan(1, TorrentFormat.HYBRID));
        byte[] content = Media.mp4(450_000, 8);
        UUID id = uploads(DataSize.ofBytes(0), 8).create(content.length, "e.mp4", "show", "E", user);
        Files.write(dataDir.resolve("uploads").resolve(id + ".part"), content);
        rows.get(id).recognised("video/mp4", clock.instant());

        uploads(DataSize.ofBytes(0), 8).status(id, user);

        assertThat(completed).singleElement().satisfies(media -> assertThat(
                Files.readAllBytes(dataDir.resolve("media").resolve(media.id() + ".leaves")))
                .isEqualTo(MediaStoreTests.leafLayer(content)));
    }

    @Test
    void terminatingAHybridUploadRemovesItsLeaves() throws Exception {
        when(target.authorize(anyString(), any())).thenReturn(new UploadTarget.UploadPlan(1, TorrentFormat.HYBRID));
        ResumableUploads uploads = uploads(DataSize.ofBytes(0), 8);
        byte[] content = Media.mp4(1024 * 1024, 9);
        UUID id = uploads.create(content.length, "e.mp4", "show", "E", user);
        uploads.append(id, user, 0, new ByteArrayInputStream(content, 0, 600_000));
        assertThat(dataDir.resolve("uploads").resolve(id + ".leaves")).exists();

        uploads.terminate(id, user);

        assertThat(dataDir.resolve("uploads").resolve(id + ".leaves")).doesNotExist();
    }

    private StorageProperties properties(DataSize reserve, int maxUnfinished) {
        return new StorageProperties(dataDir,
                new StorageProperties.Uploads(DataSize.ofMegabytes(64), reserve, maxUnfinished, Duration.ofMinutes(10), DataSize.ofMegabytes(8)));
    }

    private ResumableUploads uploads(DataSize reserve, int maxUnfinished) {
        StorageProperties properties = properties(reserve, maxUnfinished);
        try {
            return new ResumableUploads(repository, MediaStoreTests.onDisk(properties), target, properties, clock,
                    new PartFiles.Disk() {
                        @Override
                        public int write(FileChannel out, ByteBuffer bytes, long position) throws IOException {
                            if (diskFull.get()) {
                                throw new IOException("No space left on device");
                            }
                            return out.write(bytes, position);
                        }

                        @Override
                        public long usableSpace(Path dir) {
                            return usableSpace.get();
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
