package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The one S3-compatible server of a test run: S3Proxy (its self-contained jar, which Maven copies to
 * {@code target/s3proxy}) on its filesystem backend under {@code target/test-data/s3proxy}, in a JVM of
 * its own on a port the system chose, found in its log. Started on first use, ended with the test JVM.
 */
public final class S3Proxy {

    public static final String ACCESS_KEY = "seedcast-test";
    public static final String SECRET_KEY = "seedcast-test-secret";
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Pattern LISTENING = Pattern.compile("Started ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)}");

    private static URI endpoint;

    private S3Proxy() {
    }

    /** The server's URL, starting it on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                endpoint = start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start S3Proxy", e);
            }
        }
        return endpoint;
    }

    /** A client of the server, as the application makes one (path-style, checksums when required). */
    public static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates an empty bucket named {@code name} and returns the name. */
    public static String bucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(name));
        }
        return name;
    }

    /** The keys of the objects in {@code bucket}. */
    public static List<String> keys(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).sorted()
                    .toList();
        }
    }

    /** The application's settings for {@code bucket} of this server, as {@code name=value} pairs. */
    public static List<String> settings(String bucket) {
        return List.of("seedcast.storage=s3", "seedcast.s3.endpoint=" + endpoint(), "seedcast.s3.bucket=" + bucket,
                "seedcast.s3.access-key=" + ACCESS_KEY, "seedcast.s3.secret-key=" + SECRET_KEY);
    }

    private static URI start() throws IOException {
        Path jar = Path.of(System.getProperty("seedcast.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: Maven copies it in generate-test-resources");
        }
        Path dir = Files.createDirectories(TestRunSetup.ROOT.resolve("s3proxy").toAbsolutePath());
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        Path properties = dir.resolve("s3proxy.conf");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + blobs) + "\n");
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and one collector thread: a test server lives seconds and starts twice as fast without the
        // optimising compiler, on cores it shares with the suite
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(),
                "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // stopped once the applications that use it have closed (not beside them, which would leave their last
        // requests waiting out their timeouts)
        SpringApplication.getShutdownHandlers().add(process::destroyForcibly);
        int port = Awaitility.await("S3Proxy listening (see " + log + ")").atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
                    }
                    Matcher listening = LISTENING.matcher(Files.readString(log));
                    return listening.find() ? Integer.parseInt(listening.group(1)) : 0;
                }, p -> p > 0);
        return URI.create("http://127.0.0.1:" + port);
    }
}
