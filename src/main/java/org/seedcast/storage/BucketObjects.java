package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media objects in an S3-compatible bucket, under {@code media/}, through the AWS SDK's blocking client
 * over the JDK's {@code HttpURLConnection}. Addressed by path ({@code endpoint/bucket/key}) and with
 * checksums only where the API requires them, which is what MinIO, Ceph, Garage, S3Proxy and the
 * cloud vendors' S3 endpoints all accept. A file larger than one part is sent as a multipart upload
 * (a single PUT stops at 5 GB); either way the object appears whole, or not at all.
 */
final class BucketObjects implements MediaObjects {

    private static final Logger log = LoggerFactory.getLogger(BucketObjects.class);
    static final String PREFIX = "media/";
    /** Part size of multipart uploads: S3 allows 10,000 parts, so this carries files up to 640 GB. */
    static final long PART_SIZE = 64L << 20;
    /** S3's smallest part of a multipart upload, the last one excepted. */
    static final long MIN_PART_SIZE = 5L << 20;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final long partSize;

    BucketObjects(S3Client s3, String bucket, long partSize) {
        this.s3 = s3;
        this.presigner = presigner(s3);
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** A presigner addressing the store as {@code s3} does: its region, endpoint, credentials, by path. */
    private static S3Presigner presigner(S3Client s3) {
        S3ServiceClientConfiguration config = s3.serviceClientConfiguration();
        S3Presigner.Builder builder = S3Presigner.builder().s3Client(s3).region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** A client for the store {@code settings} name. */
    static S3Client client(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.accessKey() == null || settings.accessKey().isBlank()
                        ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                        settings.secretKey())));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    @Override
    public void put(String name, Path file) throws IOException {
        long size = Files.size(file);
        try {
            if (size <= partSize) {
                s3.putObject(r -> r.bucket(bucket).key(key(name)).contentLength(size), RequestBody.fromFile(file));
            } else {
                putInParts(key(name), file, size);
            }
        } catch (SdkException e) {
            throw new IOException("could not store " + name + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
        Files.deleteIfExists(file);
    }

    private void putInParts(String key, Path file, long size) throws IOException {
        inParts(key, (uploadId, parts) -> {
            for (long start = 0; start < size; start += partSize) {
                int number = parts.size() + 1;
                long length = Math.min(partSize, size - start);
                try (InputStream in = Files.newInputStream(file)) {
                    in.skipNBytes(start);
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength(length), RequestBody.fromInputStream(in, length)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            }
        });
    }

    /** The store copies each part from its object: no byte of it passes through this node. */
    @Override
    public void concatenate(String name, List<String> sources) throws IOException {
        String key = key(name);
        try {
            inParts(key, (uploadId, parts) -> {
                for (String source : sources) {
                    int number = parts.size() + 1;
                    String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(key(source))
                            .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(number))
                            .copyPartResult().eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            });
        } catch (SdkException e) {
            throw new IOException("could not join " + sources.size() + " objects as " + name + " in bucket " + bucket
                    + ": " + e.getMessage(), e);
        }
    }

    private interface Parts {
        void send(String uploadId, List<CompletedPart> parts) throws IOException;
    }

    /** A multipart upload of {@code key} whose parts {@code parts} sends, completed or else aborted. */
    private void inParts(String key, Parts parts) throws IOException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> sent = new ArrayList<>();
            parts.send(uploadId, sent);
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(sent)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed); // the store's lifecycle rules remove what is left
            }
            throw e;
        }
    }

    @Override
    public long size(String name) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key(name))).contentLength();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return -1;
            }
            throw failed(name, e);
        } catch (SdkException e) {
            throw failed(name, e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(name))).asByteArray());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed(name, e);
        } catch (SdkException e) {
            throw failed(name, e);
        }
    }

    @Override
    public InputStream read(String name, long start, long length) throws IOException {
        return length <= 0 ? InputStream.nullInputStream() : get(name, "bytes=" + start + "-" + (start + length - 1));
    }

    /** The object, or the {@code range} of it when not {@code null}, as it arrives. */
    private InputStream get(String name, String range) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(name)).range(range));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key(name));
            }
            throw failed(name, e);
        } catch (SdkException e) {
            throw failed(name, e);
        }
    }

    @Override
    public Optional<Path> localFile(String name) {
        return Optional.empty();
    }

    /** Signed here, without a request: the URL holds a signature that expires, never the secret key. */
    @Override
    public Optional<URI> temporaryUrl(String name, Duration valid) {
        try {
            return Optional.of(presigner.presignGetObject(r -> r.signatureDuration(valid)
                    .getObjectRequest(g -> g.bucket(bucket).key(key(name)))).url().toURI());
        } catch (SdkException | URISyntaxException e) {
            log.warn("Could not sign a URL for {} in bucket {}: {}", key(name), bucket, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void download(String name, Path target) throws IOException {
        try (InputStream in = get(name, null)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (SdkException e) {
            throw failed(name, e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key(name)));
        } catch (SdkException e) {
            log.warn("Could not delete {} from bucket {} (it stays there as an orphan): {}", key(name), bucket,
                    e.toString());
        }
    }

    @Override
    public List<String> names(String suffix) throws IOException {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents().stream()
                    .map(S3Object::key).filter(key -> key.endsWith(suffix))
                    .map(key -> key.substring(PREFIX.length())).sorted().toList();
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("could not list bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> namesWrittenBefore(String prefix, String suffix, Instant cutoff) throws IOException {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(key(prefix))).contents().stream()
                    .filter(object -> object.key().endsWith(suffix) && object.lastModified().isBefore(cutoff))
                    .map(object -> object.key().substring(PREFIX.length())).sorted().toList();
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("could not list bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private static String key(String name) {
        return PREFIX + name;
    }

    private IOException failed(String name, SdkException e) {
        return new IOException("bucket " + bucket + ", object " + key(name) + ": " + e.getMessage(), e);
    }
}
