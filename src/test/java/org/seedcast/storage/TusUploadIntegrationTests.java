package org.seedcast.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;

/** The tus journeys with media on this node's disk, and what only the filesystem has: the upload's part file. */
@IntegrationTest
class TusUploadIntegrationTests extends TusUploadJourneys {

    /** Filesystem only: a node that stops between the last byte and the draft leaves a complete part file on its disk. */
    @Test
    void headFinishesAnUploadWhoseBytesAllArrivedButWhoseEpisodeWasNeverCreated() throws Exception {
        byte[] content = Media.mp4(200_000, 9);
        String location = create(content.length, "Crashed.mp4", "Crashed before finishing");
        Path part = Path.of("target/test-data/it/uploads", uploadId(location) + ".part");
        assertThat(part.getParent()).isDirectory();
        Files.write(part, content);

        HttpResponse<String> head = head(location);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Upload-Offset")).hasValue((long) content.length);
        String episodeId = head.headers().firstValue("Seedcast-Episode-Id").orElseThrow();
        String episode = admin.get("/api/episodes/" + episodeId).body();
        assertThat((String) JsonPath.read(episode, "$.sha256")).isEqualTo(sha256(content));
        assertThat((String) JsonPath.read(episode, "$.mediaType")).isEqualTo("video/mp4");
    }
}
