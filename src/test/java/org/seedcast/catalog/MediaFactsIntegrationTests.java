package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.scheduling.ClusterLock;
import org.seedcast.storage.MediaProbe;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.ProbedMedia;
import org.seedcast.storage.StorageProperties;
import org.seedcast.support.Clips;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.xml.sax.InputSource;

/**
 * Media facts in the running application with the machine's ffprobe and ffmpeg: a real clip uploaded over the
 * API (in one request or with tus) gets its duration, picture size, codecs and poster frame in the background (pending in the upload's
 * answer), the studio shows them or warns of a file browsers will not play, and the feeds, as ROME reads them,
 * carry the duration and the poster as the episode's artwork.
 */
@IntegrationTest
class MediaFactsIntegrationTests {

    private static final String SHOW = "facts-show";

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Autowired
    MediaProbe probe;
    @Autowired
    MediaStore mediaStore;
    @Autowired
    EpisodeRepository episodes;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ClusterLock cluster;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    private Studio studio;
    private Http admin;

    @BeforeEach
    void showExists() {
        RequiredTools.require("ffprobe");
        studio = new Studio(port);
        admin = studio.admin();
        studio.showOnce(SHOW, "{\"slug\":\"" + SHOW + "\",\"title\":\"Facts\"}");
    }

    @Test
    void aRealClipGetsItsFactsAndPosterInTheBackgroundAndTheFeedsCarryThem() throws Exception {
        int id = uploadAndAwaitFacts("Test pattern", "pattern.webm", Clips.webm(dir, 2, "320x180"));

        String episode = admin.get("/api/episodes/" + id).body();
        assertThat(JsonPath.<Integer>read(episode, "$.facts.durationSeconds")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(episode, "$.facts.width")).isEqualTo(320);
        assertThat(JsonPath.<Integer>read(episode, "$.facts.height")).isEqualTo(180);
        assertThat(JsonPath.<String>read(episode, "$.facts.videoCodec")).isEqualTo("vp8");
        assertThat(JsonPath.<String>read(episode, "$.facts.audioCodec")).isEqualTo("vorbis");
        assertThat(JsonPath.<String>read(episode, "$.facts.browserProblem")).isNull();
        assertThat(admin.get("/studio/episodes/" + id).body()).contains("id=\"media-facts\"")
                .contains("<strong>0:02</strong>").contains("<strong>320×180</strong>")
                .contains("<strong>vp8 + vorbis</strong>").doesNotContain("browser-warning").doesNotContain("facts-pending");

        assertThat(admin.postJson("/api/episodes/" + id + "/publish", "").statusCode()).isEqualTo(200);
        String posterPath = "/shows/" + SHOW + "/episodes/" + id + "/poster.jpg";
        assertThat(Http.at(port).get("/shows/" + SHOW + "/episodes/" + id).body())
                .contains("<video id=\"player\"").contains("poster=\"" + posterPath + "\"");
        HttpResponse<byte[]> poster = Http.at(port).sendForBytes(Http.at(port).request(posterPath).build());
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(Arrays.copyOf(poster.body(), 3)).as("JPEG SOI marker").containsExactly(0xFF, 0xD8, 0xFF);

        String posterUrl = "http://localhost:" + port + posterPath;
        Item item = item(feed("/shows/" + SHOW + "/feed.xml"), "Test pattern");
        EntryInformation itunes = (EntryInformation) item.getModule(ITunes.URI);
        assertThat(itunes.getDuration().getMilliseconds()).as("itunes:duration").isEqualTo(2_000L);
        assertThat(itunes.getImageUri()).as("itunes:image").isEqualTo(posterUrl);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MediaContent content = ((MediaEntryModule) item(feed("/shows/" + SHOW + "/torrents.xml"), "Test pattern")
                    .getModule(MediaModule.URI)).getMediaContents()[0];
            assertThat(content.getDuration()).isEqualTo(2L);
            assertThat(content.getMetadata().getThumbnail()).singleElement()
                    .satisfies(t -> assertThat(t.getUrl()).hasToString(posterUrl));
        });
    }

    @Test
    void aFileWhoseCodecBrowsersDoNotPlayWarnsTheProducerBeforePublishing() {
        byte[] mpeg4Part2 = Clips.encoded(dir, 1, "160x90", "mp4", "-c:v", "mpeg4", "-c:a", "aac", "-f", "mp4");

        int id = resumableUpload("old.mp4", mpeg4Part2);
        awaitFacts(id);

        assertThat(JsonPath.<String>read(admin.get("/api/episodes/" + id).body(), "$.facts.browserProblem"))
                .isEqualTo("not every browser plays its video codec (mpeg4)");
        String studioPage = admin.get("/studio/episodes/" + id).body();
        assertThat(studioPage).contains("id=\"browser-warning\"")
                .contains("This file will not play in fans’ browsers: not every browser plays its video codec (mpeg4).")
                .contains("Publish now");
        assertThat(admin.get("/studio/shows/" + SHOW).body()).contains("no browser playback");
        assertThat(admin.postJson("/api/episodes/" + id + "/publish", "").statusCode()).isEqualTo(200);
        assertThat(Http.at(port).get("/shows/" + SHOW + "/episodes/" + id).body()).doesNotContain("<video")
                .contains("id=\"player-unavailable\"").contains("not every browser plays its video codec (mpeg4)");
    }

    @Test
    void aReadThatFailsForAPassingReasonStaysPendingAndIsTriedAgainUntilItSucceeds() throws Exception {
        int id = uploadAndAwaitFacts("Flaky bucket", "flaky.webm", Clips.webm(dir, 1, "160x90"));
        UUID mediaId = markPending(id);
        AtomicInteger reads = new AtomicInteger();
        List<String> statesSeen = new CopyOnWriteArrayList<>();
        EpisodeFacts facts = facts(media -> {
            statesSeen.add(state(id));
            if (reads.incrementAndGet() <= 2) {
                throw new UncheckedIOException(new IOException("the bucket is out of reach"));
            }
            return probe.probe(media);
        }, 2, 10);
        try {
            facts.on(new EpisodeFacts.MediaArrived(id, mediaId));
            awaitState(id, "known");
        } finally {
            facts.stop();
        }

        assertThat(reads).as("two passing failures, then the read").hasValue(3);
        assertThat(statesSeen).as("pending, never unreadable, between the tries").containsOnly("pending");
    }

    @Test
    void aFileWithNoMediaInItIsUnreadableAtOnceWithoutRetries() throws Exception {
        HttpResponse<String> created = admin.postMultipart("/api/shows/" + SHOW + "/episodes", "Not media", "no.mp4",
                notMedia());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        int id = JsonPath.read(created.body(), "$.id");
        awaitState(id, "unreadable");
        UUID mediaId = markPending(id);
        AtomicInteger reads = new AtomicInteger();
        EpisodeFacts facts = facts(media -> {
            reads.incrementAndGet();
            return probe.probe(media);
        }, 3, 10);
        try {
            facts.on(new EpisodeFacts.MediaArrived(id, mediaId));
            awaitState(id, "unreadable");
        } finally {
            facts.stop();
        }

        assertThat(reads).hasValue(1);
    }

    @Test
    void anUploadThatFindsTheQueueFullIsReadOnceTheQueueDrains() throws Exception {
        List<Integer> ids = pendingEpisodes("Queued", 2);
        int first = ids.get(0);
        int second = ids.get(1);
        UUID firstMedia = mediaOf(first);
        UUID secondMedia = mediaOf(second);
        Map<UUID, AtomicInteger> reads = new ConcurrentHashMap<>();
        EpisodeFacts facts = facts(counting(reads, Set.of()), 0, 1);
        CountDownLatch busy = new CountDownLatch(1);
        try {
            facts.worker.execute(() -> awaitQuietly(busy));
            facts.on(new EpisodeFacts.MediaArrived(first, firstMedia)); // fills the queue of one
            facts.on(new EpisodeFacts.MediaArrived(second, secondMedia)); // finds it full
            busy.countDown();
            awaitState(first, "known");
            awaitState(second, "known");
        } finally {
            busy.countDown();
            facts.stop();
        }

        assertThat(reads).containsKeys(firstMedia, secondMedia);
    }

    @Test
    void aBackfillThatFindsTheQueueFullLeavesItsEpisodesToThePickUpWhichReadsEachOnce() throws Exception {
        List<Integer> ids = pendingEpisodes("Backfilled", 3);
        List<UUID> media = ids.stream().map(this::mediaOf).toList();
        Map<UUID, AtomicInteger> reads = new ConcurrentHashMap<>();
        EpisodeFacts facts = facts(counting(reads, Set.of()), 0, 1, Duration.ofMillis(1));
        CountDownLatch busy = new CountDownLatch(1);
        try {
            facts.worker.execute(() -> awaitQuietly(busy));
            facts.on(new EpisodeFacts.MediaArrived(ids.get(2), media.get(2))); // fills the queue of one
            facts.backfill(); // skips the queued one, finds the queue full for the others
            busy.countDown();
            ids.forEach(id -> awaitState(id, "known"));
            facts.worker.submit(() -> { }).get(); // whatever was queued before it has run
        } finally {
            busy.countDown();
            facts.stop();
        }

        assertThat(media).allSatisfy(m -> assertThat(reads.get(m)).as("read once").hasValue(1));
    }

    @Test
    void aReadWaitingForItsRetryIsNotReadAgainWhenAnOverflowIsPickedUp() throws Exception {
        List<Integer> ids = pendingEpisodes("Retried", 3);
        int flaky = ids.get(0);
        int overflowed = ids.get(1);
        int queued = ids.get(2);
        UUID flakyMedia = mediaOf(flaky);
        UUID overflowedMedia = mediaOf(overflowed);
        UUID queuedMedia = mediaOf(queued);
        Map<UUID, AtomicInteger> reads = new ConcurrentHashMap<>();
        EpisodeFacts facts = facts(counting(reads, Set.of(flakyMedia)), 1, 2, Duration.ofHours(1));
        CountDownLatch busy = new CountDownLatch(1);
        try {
            facts.worker.execute(() -> awaitQuietly(busy));
            facts.on(new EpisodeFacts.MediaArrived(flaky, flakyMedia));
            facts.on(new EpisodeFacts.MediaArrived(queued, queuedMedia)); // the queue of two is full
            facts.on(new EpisodeFacts.MediaArrived(overflowed, overflowedMedia));
            busy.countDown();
            awaitState(overflowed, "known");
            facts.worker.submit(() -> { }).get(); // whatever the pick-up queued has run
        } finally {
            busy.countDown();
            facts.stop();
        }

        assertThat(reads.get(flakyMedia)).as("failed once, its retry an hour away").hasValue(1);
        assertThat(state(flaky)).isEqualTo("pending");
        assertThat(reads.get(overflowedMedia)).hasValue(1);
    }

    @Test
    void theStudiosFactsAnswerIsForTheShowsProducersOnly() {
        int id = uploadAndAwaitFacts("Facts answer", "answer.webm", Clips.webm(dir, 1, "160x90"));

        assertThat(admin.get("/studio/episodes/" + id + "/facts").body()).contains("id=\"media-facts\"")
                .doesNotContain("data-poll").doesNotContain("<html");
        HttpResponse<String> anonymous = Http.at(port).get("/studio/episodes/" + id + "/facts");
        assertThat(anonymous.statusCode()).as("sent to sign in, nothing read").isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        admin.postJson("/api/users", "{\"username\":\"facts-stranger\",\"password\":\"stranger-pass-1\","
                + "\"role\":\"producer\"}");
        Http stranger = Http.at(port).as("facts-stranger", "stranger-pass-1");
        assertThat(stranger.get("/studio/episodes/" + id + "/facts").statusCode()).isEqualTo(404);
    }

    /** A second reader beside the application's, with its own reader, retries and queue, over the same database. */
    private EpisodeFacts facts(EpisodeFacts.Reader reader, int retries, int queue) {
        return facts(reader, retries, queue, Duration.ofMillis(1));
    }

    private EpisodeFacts facts(EpisodeFacts.Reader reader, int retries, int queue, Duration backoff) {
        StorageProperties.MediaFacts settings = new StorageProperties.MediaFacts("ffprobe", "ffmpeg",
                Duration.ofMinutes(1), retries, backoff);
        return new EpisodeFacts(probe, reader, settings, queue, mediaStore, episodes, transactions, cluster, events,
                clock);
    }

    /** Counts the reads of each media and answers without ffprobe; the first read of a {@code flaky} one fails. */
    private static EpisodeFacts.Reader counting(Map<UUID, AtomicInteger> reads, Set<UUID> flaky) {
        return media -> {
            if (reads.computeIfAbsent(media, m -> new AtomicInteger()).incrementAndGet() == 1 && flaky.contains(media)) {
                throw new UncheckedIOException(new IOException("the bucket is out of reach"));
            }
            return new ProbedMedia(1.0, 160, 90, "matroska,webm", "vp8", "vorbis", null);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets the episode's facts back to pending, as if its read were still to come; returns its media. */
    /** Facts not read yet, as a new upload's are (recordFacts keeps the first reading only, so not through it). */
    private UUID markPending(int id) {
        jdbc.update("update episodes set facts_state = 'PENDING' where id = ?", id);
        return episodes.findById((long) id).orElseThrow().getMediaId();
    }

    /**
     * Episodes uploaded oldest first, their facts read and then set back to pending: for readers that answer
     * without ffprobe, a file ffprobe gives up on at once (no poster frame to take) is the cheapest upload.
     */
    private List<Integer> pendingEpisodes(String title, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            HttpResponse<String> created = admin.postMultipart("/api/shows/" + SHOW + "/episodes", title + " " + n,
                    "file-" + n + ".mp4", notMedia());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.add(JsonPath.read(created.body(), "$.id"));
        }
        ids.forEach(id -> awaitState(id, "unreadable"));
        ids.forEach(this::markPending);
        return ids;
    }

    /** Starts like an MP4 and holds nothing: ffprobe reads it and finds no media. */
    private static byte[] notMedia() {
        byte[] notMedia = new byte[4096];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, notMedia, 0, 12);
        return notMedia;
    }

    private UUID mediaOf(int id) {
        return episodes.findById((long) id).orElseThrow().getMediaId();
    }

    private String state(int id) {
        return JsonPath.read(admin.get("/api/episodes/" + id).body(), "$.facts.state");
    }

    private void awaitState(int id, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> state(id), state::equals);
    }

    /** Uploads in one multipart request (facts pending in the answer) and waits until the background read is done. */
    private int uploadAndAwaitFacts(String title, String fileName, byte[] content) {
        HttpResponse<String> created = admin.postMultipart("/api/shows/" + SHOW + "/episodes", title, fileName, content);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(created.body(), "$.facts.state")).isEqualTo("pending");
        int id = JsonPath.read(created.body(), "$.id");
        awaitFacts(id);
        return id;
    }

    /** Uploads with tus in one PATCH; returns the episode the last byte made. */
    private int resumableUpload(String fileName, byte[] content) {
        HttpResponse<String> created = admin.send(admin.request("/api/uploads").header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(content.length))
                .header("Upload-Metadata", "filename " + base64(fileName) + ",show " + base64(SHOW))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> last = admin.send(admin.request(created.headers().firstValue("Location").orElseThrow())
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(last.statusCode()).isEqualTo(204);
        return Integer.parseInt(last.headers().firstValue("Seedcast-Episode-Id").orElseThrow());
    }

    private void awaitFacts(int id) {
        awaitState(id, "known");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Channel feed(String path) throws Exception {
        HttpResponse<byte[]> feed = Http.at(port).sendForBytes(Http.at(port).request(path).build());
        assertThat(feed.statusCode()).isEqualTo(200);
        return (Channel) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(feed.body())));
    }

    private static Item item(Channel channel, String title) {
        return channel.getItems().stream().filter(i -> title.equals(i.getTitle())).findFirst().orElseThrow();
    }
}
