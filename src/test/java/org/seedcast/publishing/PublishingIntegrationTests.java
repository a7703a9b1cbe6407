package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.RequiredTools;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Peers;
import org.seedcast.torrent.TorrentVerifier;
import org.seedcast.torrent.Verdict;

/**
 * Publishing with media on this node's disk, and what does not depend on the storage at all: the seed's address in
 * magnets and the swarm, another tool reading the .torrent, the verify page.
 */
@IntegrationTest
class PublishingIntegrationTests extends PublishingJourneys {

    /**
     * The seed's host defaults to the tracker's, then to the public URL's (localhost here), which
     * resolves; its port is the one the test run gave it. The .torrent stays as signed: magnets are derived.
     */
    @Test
    void thePublishersSeedIsInTheMagnetAndInTheSwarmButNotInTheTorrent() throws Exception {
        String episode = publish("pub-seed", "v1", Media.mp4(300_000, 23));
        String infoHash = JsonPath.read(episode, "$.infoHash");
        assertThat((String) JsonPath.read(episode, "$.magnet"))
                .contains("&x.pe=localhost:" + seedPort + "&x.pe=127.0.0.1:" + seedPort);
        byte[] bytes = torrentBytes(JsonPath.read(episode, "$.torrentUrl"));
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(":" + seedPort).doesNotContain("x.pe");
        assertThat(TorrentVerifier.verify(bytes, publisherCertificate()).verdict()).isEqualTo(Verdict.GENUINE);
        int id = JsonPath.read(episode, "$.id");
        assertThat(anonymous.get("/shows/pub-seed/episodes/" + id).body())
                .contains("&amp;x.pe=localhost:" + seedPort + "&amp;x.pe=127.0.0.1:" + seedPort); // the episode page's magnet

        String answer = new Peers(trackerPort).announceBinary(infoHash, 51001, 100, "started");
        assertThat(answer).contains("8:completei1e")     // the seed, which a client sees alive
                .contains("10:incompletei1e")            // the fan itself
                .contains("5:peers6:\u007F\0\0\1" + (char) (seedPort >> 8) + (char) (seedPort & 0xFF)); // 127.0.0.1:seedPort, first
        assertThat(anonymous.get("/shows/pub-seed/episodes/" + id).body()) // fans and the seed apart
                .contains("On BitTorrent now: 1 fan sharing · publisher&#39;s seed online");
    }

    @Test
    void transmissionShowReadsTheSameV1Hash() throws Exception {
        Path tool = RequiredTools.require("transmission-show");
        String episode = publish("pub-transmission", "v1", Media.mp4(1024 * 1024 + 3, 24));
        Path file = tmp.resolve("episode.torrent");
        Files.write(file, torrentBytes(JsonPath.read(episode, "$.torrentUrl")));

        String output = RequiredTools.run(List.of(tool.toString(), file.toString()));

        assertThat(output).contains("Hash: " + JsonPath.read(episode, "$.infoHash"));
    }

    @Test
    void theVerifyPageAndTheCertificateArePublic() {
        HttpResponse<String> pem = anonymous.get("/.well-known/seedcast/publisher.pem");
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(anonymous.get("/verify").body()).contains("Verify a torrent");
        assertThat(anonymous.get("/torrents/" + "0".repeat(40) + ".torrent").statusCode()).isEqualTo(404);
    }
}
