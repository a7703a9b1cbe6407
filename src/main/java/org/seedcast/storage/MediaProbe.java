package org.seedcast.storage;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored media file's duration, dimensions, container and codecs with ffprobe ({@code -of json}), and
 * takes a poster frame from it with ffmpeg, when they are installed (Debian package {@code ffmpeg}). Without
 * ffprobe it does nothing and says so once, at start. Each run is a child process with its arguments as a list
 * and a time limit ({@code SEEDCAST_MEDIA_FACTS_TIMEOUT}); blocking, so callers run it off request threads.
 */
@Component
public class MediaProbe {

    private static final Logger log = LoggerFactory.getLogger(MediaProbe.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTRIES =
            "format=format_name,duration:stream=codec_type,codec_name,width,height:stream_disposition=attached_pic";
    /** Posters no wider than this: a page shows them at most this wide, and a 4K frame is megabytes. */
    private static final int POSTER_WIDTH = 1280;

    private final MediaStore store;
    private final StorageProperties properties;
    private final Path ffprobe;
    private final Path ffmpeg;

    MediaProbe(MediaStore store, StorageProperties properties) {
        this.store = store;
        this.properties = properties;
        StorageProperties.MediaFacts settings = properties.mediaFacts();
        this.ffprobe = executable(settings.ffprobe());
        this.ffmpeg = ffprobe == null ? null : executable(settings.ffmpeg());
        if (ffprobe == null) {
            log.info("No ffprobe at '{}' (seedcast.media-facts.ffprobe): episodes get no media facts (duration, "
                    + "dimensions, codecs) and no poster frames; install Debian's ffmpeg package to have them",
                    settings.ffprobe());
        } else if (ffmpeg == null) {
            log.info("No ffmpeg at '{}' (seedcast.media-facts.ffmpeg): episodes get media facts from {} but no "
                    + "poster frames", settings.ffmpeg(), ffprobe);
        }
    }

    /** Whether ffprobe was found, so that uploads get their facts. */
    public boolean available() {
        return ffprobe != null;
    }

    /** A stored file that ffprobe could not read, or not in time; the message says why, for the producer. */
    public static final class UnreadableMediaException extends Exception {

        private final boolean passing;

        UnreadableMediaException(String message) {
            this(message, false);
        }

        UnreadableMediaException(String message, boolean passing) {
            super(message);
            this.passing = passing;
        }

        /**
         * Whether the failure may pass and a later read succeed (the bucket out of reach or silent, a child
         * process that could not start), unlike a file that was read and holds no media, or one that kept ffprobe
         * busy past its time limit: read again, it would hold the reader as long again.
         */
        public boolean passing() {
            return passing;
        }
    }

    /**
     * Reads the stored file {@code mediaId}'s facts and keeps its poster frame as an image in the store (the
     * caller owns it: keeps it with the episode or deletes it). Blocking: up to twice the time limit.
     *
     * @throws UnreadableMediaException when the file is gone, ffprobe cannot read it or runs out of time
     * @throws IllegalStateException    when ffprobe is not {@link #available()}
     */
    public ProbedMedia probe(UUID mediaId) throws UnreadableMediaException {
        if (ffprobe == null) {
            throw new IllegalStateException("ffprobe is not installed");
        }
        Duration timeout = properties.mediaFacts().timeout();
        String input = store.readableLocation(mediaId, timeout.multipliedBy(3))
                .orElseThrow(() -> new UnreadableMediaException("the file is no longer in the store"));
        List<String> command = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error"));
        command.addAll(inputOf(input, timeout));
        command.addAll(List.of("-of", "json", "-show_entries", ENTRIES));
        ChildProcess.Result result = run(command, timeout);
        if (result.exitCode() != 0) {
            throw new UnreadableMediaException("ffprobe could not read it: " + result.reason(),
                    !input.startsWith("/") && unreachable(result.reason()));
        }
        ProbedMedia facts = parse(result.output());
        StoredMedia poster = facts.videoCodec() != null && ffmpeg != null ? poster(input, facts, timeout) : null;
        return new ProbedMedia(facts.durationSeconds(), facts.width(), facts.height(), facts.container(),
                facts.videoCodec(), facts.audioCodec(), poster);
    }

    /**
     * Whether ffprobe's complaint about a presigned URL is the bucket failing, not the file: what ffmpeg's HTTP
     * and TCP protocols say when the server answers 5xx, refuses or drops the connection, or stays silent, when
     * reading fails with EIO (strerror's "Input/output error"), or when the bucket's name does not resolve.
     */
    static boolean unreachable(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        return text.contains("server returned 5") || text.contains("connection refused")
                || text.contains("connection reset") || text.contains("timed out") || text.contains("i/o error")
                || text.contains("input/output error") || text.contains("failed to resolve hostname");
    }

    /**
     * ffprobe's JSON: the container and duration from {@code format}, the first video stream that is not cover
     * art for the dimensions and video codec, the first audio stream's codec.
     */
    static ProbedMedia parse(byte[] json) throws UnreadableMediaException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableMediaException("ffprobe's answer was not JSON");
        }
        JsonNode format = root.path("format");
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : root.path("streams")) {
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            String type = stream.path("codec_type").asString("");
            if (video == null && type.equals("video") && !coverArt) {
                video = stream;
            } else if (audio == null && type.equals("audio")) {
                audio = stream;
            }
        }
        if (video == null && audio == null) {
            throw new UnreadableMediaException("ffprobe found no audio or video stream in it");
        }
        return new ProbedMedia(seconds(format.path("duration").asString(null)),
                video == null ? null : positive(video.path("width")), video == null ? null : positive(video.path("height")),
                text(format.path("format_name"), 100), video == null ? null : text(video.path("codec_name"), 40),
                audio == null ? null : text(audio.path("codec_name"), 40), null);
    }

    /** A frame a tenth of the way in (past intros and fades in from black), as a JPEG at most 1280 pixels wide. */
    private StoredMedia poster(String input, ProbedMedia facts, Duration timeout) {
        Path frame = null;
        try {
            frame = Files.createTempFile(properties.inDataDir("tmp"), "poster-", ".jpg");
            double at = facts.durationSeconds() == null ? 0 : facts.durationSeconds() / 10;
            List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-v", "error", "-nostdin", "-y",
                    "-ss", String.format(Locale.ROOT, "%.3f", at)));
            command.addAll(inputOf(input, timeout));
            command.addAll(List.of("-map", "0:V:0", "-frames:v", "1", "-an", "-sn",
                    "-vf", "scale=w=min(" + POSTER_WIDTH + "\\,iw):h=-2", "-q:v", "4", "-f", "image2",
                    "-c:v", "mjpeg", frame.toString()));
            ChildProcess.Result result = run(command, timeout);
            if (result.exitCode() != 0 || Files.size(frame) == 0) {
                log.info("No poster frame from media {}: {}", input.startsWith("/") ? input : "(in the bucket)",
                        result.reason());
                return null;
            }
            try (InputStream in = Files.newInputStream(frame)) {
                return store.importImage(in);
            }
        } catch (IOException | UnreadableMediaException | RuntimeException e) {
            log.info("No poster frame: {}", e.getMessage());
            return null;
        } finally {
            StoreFiles.deleteQuietly(frame);
        }
    }

    /**
     * The input arguments: a local file read only as a file, a presigned URL only over HTTP(S), so a crafted
     * file (a playlist naming other protocols, other files) makes ffprobe read nothing else. A URL also gets an
     * I/O time limit of half the run's: a bucket that stays silent then fails the run as out of reach (a passing
     * failure, tried again) before the run's own limit kills it as a file that hangs (not tried again).
     */
    private static List<String> inputOf(String input, Duration timeout) {
        if (input.startsWith("/")) {
            return List.of("-protocol_whitelist", "file", "-i", "file:" + input);
        }
        return List.of("-protocol_whitelist", "http,https,tcp,tls,crypto",
                "-rw_timeout", Long.toString(timeout.dividedBy(2).toNanos() / 1_000), "-i", input);
    }

    private static ChildProcess.Result run(List<String> command, Duration timeout) throws UnreadableMediaException {
        try {
            return ChildProcess.run(command, timeout);
        } catch (TimeoutException e) {
            throw new UnreadableMediaException(e.getMessage() + ", so it was stopped", false);
        } catch (IOException e) {
            throw new UnreadableMediaException("could not run " + command.getFirst() + ": " + e.getMessage(), true);
        }
    }

    /** {@code name} if it is a path to an executable, else the first executable of that name on the PATH; null when none. */
    static Path executable(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.contains(File.separator)) {
            Path path = Path.of(name);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? path.toAbsolutePath() : null;
        }
        String searchPath = System.getenv("PATH");
        for (String dir : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        return null;
    }

    private static Double seconds(String text) {
        try {
            double seconds = text == null ? Double.NaN : Double.parseDouble(text);
            return Double.isFinite(seconds) && seconds >= 0 ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer positive(JsonNode node) {
        int value = node.asInt(0);
        return value > 0 ? value : null;
    }

    private static String text(JsonNode node, int max) {
        String value = node.asString(null);
        return value == null || value.isBlank() ? null : value.length() > max ? value.substring(0, max) : value;
    }
}
