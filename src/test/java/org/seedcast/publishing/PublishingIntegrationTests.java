package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;

/** Publishing with media on this node's disk, and what does not depend on the storage at all. */
@IntegrationTest
class PublishingIntegrationTests extends PublishingJourneys {

    @Test
    void theVerifyPageAndTheCertificateArePublic() {
        HttpResponse<String> pem = anonymous.get("/.well-known/seedcast/publisher.pem");
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(anonymous.get("/verify").body()).contains("Verify a torrent");
        assertThat(anonymous.get("/torrents/" + "0".repeat(40) + ".torrent").statusCode()).isEqualTo(404);
    }
}
