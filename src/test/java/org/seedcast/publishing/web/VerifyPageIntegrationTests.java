package org.seedcast.publishing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.PageClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /verify} over HTTP: oversized and bomb uploads get a readable answer, and a busy checker says so. */
@IntegrationTest
class VerifyPageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    VerifyController controller;

    @Test
    void theReviewsBombIsTooLargeToBeOneOfOurTorrents() {
        HttpResponse<String> answer = PageClient.from(port, "127.0.0.61")
                .postFile("/verify", "torrent", "bomb.torrent", VerifyControllerTests.bomb(2_000_000), "/verify");
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than any torrent we publish");
    }

    @Test
    void aBombWithinTheSizeCapIsNamedMalformed() {
        HttpResponse<String> answer = PageClient.from(port, "127.0.0.62")
                .postFile("/verify", "torrent", "bomb.torrent", VerifyControllerTests.bomb(400_000), "/verify");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Not a torrent").contains("more than 50000");
    }

    @Test
    void whenEveryCheckerIsBusyTheAnswerIsAClear503() {
        PageClient fan = PageClient.from(port, "127.0.0.63");
        int taken = controller.occupyAllCheckers();
        try {
            HttpResponse<String> answer = fan.postFile("/verify", "torrent", "x.torrent", "de".getBytes(), "/verify");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("busy");
        } finally {
            controller.releaseCheckers(taken);
        }
        assertThat(fan.postFile("/verify", "torrent", "x.torrent", "de".getBytes(), "/verify").body()).contains("Not a torrent");
    }
}
