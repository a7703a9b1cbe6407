package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeEncoder;
import org.seedcast.support.Peers;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.protocol.HashKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole application's tracker with real clients: two aria2c instances, and the admin API. */
@IntegrationTest
class TrackerEndToEndTests {

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    @TempDir
    Path tmp;

    Http admin;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackerLifecycle lifecycle;

    @Autowired
    AccessList access;

    @BeforeEach
    void client() {
        admin = Http.at(port).as("admin", "admin-secret-1");
    }

    @Test
    void aLeecherFindsTheSeederThroughOurTrackerAlone() throws Exception {
        Path aria2c = RequiredTools.require("aria2c");
        byte[] content = Media.mp4(3 * 1024 * 1024 + 99, 31);
        String episode = publish("tracker-e2e", content);
        String fileName = JsonPath.read(episode, "$.fileName");
        String infoHash = JsonPath.read(episode, "$.infoHash");
        Path torrent = tmp.resolve("no-web-seed.torrent");
        Files.write(torrent, withoutWebSeed(download(JsonPath.read(episode, "$.torrentUrl"))));
        Path seedDir = Files.createDirectories(tmp.resolve("seeder"));
        Files.write(seedDir.resolve(fileName), content);
        Path leechDir = Files.createDirectories(tmp.resolve("leecher"));

        // free ports, not fixed ones: other test runs on the machine may hold those
        int seederPort = freePort(), leecherPort = freePort();
        Process seeder = aria2(aria2c, seedDir, seederPort, "--seed-time=10", "--seed-ratio=0.0", "--check-integrity=true", torrent);
        Process leecher = null;
        try {
            leecher = aria2(aria2c, leechDir, leecherPort, "--seed-time=0", null, null, torrent);
            assertThat(leecher.waitFor(120, TimeUnit.SECONDS)).as("the leecher finished").isTrue();
            assertThat(leecher.exitValue()).as(Files.readString(leechDir.resolveSibling("aria2-" + leecherPort + ".log"))).isZero();
        } finally {
            // never left running after a failure; killed, as a graceful stop (a last announce) is not this test's
            for (Process p : new Process[] {leecher, seeder}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        assertThat(Files.readAllBytes(leechDir.resolve(fileName))).isEqualTo(content);
        String swarms = admin.get("/api/admin/swarms").body();
        assertThat(JsonPath.<java.util.List<Object>>read(swarms, "$.swarms[?(@.infoHash == '" + infoHash + "')]")).isNotEmpty();
    }

    @Test
    void oneUnreadableTorrentRowHidesNoOtherPublishedTorrentFromTheTracker() {
        String good = JsonPath.read(publish("tracker-row-good", Media.mp4(200_000, 41)), "$.infoHash");
        String damaged = JsonPath.read(publish("tracker-row-damaged", Media.mp4(200_000, 42)), "$.infoHash");
        jdbc.sql("update torrents set info_hash = 'not-hex' where info_hash = :h").param("h", damaged).update();
        try {
            access.disallow(java.util.List.of(HashKey.of(InfoHash.fromHex(good)))); // as if its event was missed
            assertThat(lifecycle.reconcile()).as("loaded").isTrue();
            new Peers(trackerPort).announce(good, 52001, 0, "started"); // asserts a tracked torrent's answer
        } finally {
            jdbc.sql("update torrents set info_hash = :h where info_hash = 'not-hex'").param("h", damaged).update();
            lifecycle.reconcile();
        }
    }

    @Test
    void aForeignTorrentIsRefusedCountedAndBlockedAtOnce() {
        String foreign = "f00dfeed" + "0123456789abcdef0123456789abcdef".substring(0, 32);
        HttpResponse<String> first = announce(foreign);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("failure reason").contains("only serves").contains("8:intervali");

        String unknown = admin.get("/api/admin/unknown-torrents").body();
        assertThat(JsonPath.<java.util.List<Object>>read(unknown, "$[?(@.infoHash == '" + foreign + "')]")).isNotEmpty();

        HttpResponse<String> blocked = admin.postJson("/api/admin/unknown-torrents/" + foreign + "/block", "{\"reason\":\"decoy\"}");
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(announce(foreign).body()).contains("8:retry in5:never");

        assertThat(Http.at(port).get("/api/admin/unknown-torrents").statusCode()).as("admins only").isEqualTo(401);
    }

    @Test
    void bansAreListedAndLifted() {
        HttpResponse<String> created = admin.postJson("/api/admin/bans", "{\"cidr\":\"203.0.113.0/24\",\"reason\":\"flood\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(admin.get("/api/admin/bans").body()).contains("203.0.113.0/24").contains("flood");
        assertThat(admin.postJson("/api/admin/bans", "{\"cidr\":\"not-a-network\"}").statusCode()).isEqualTo(400);
        assertThat(admin.send(admin.request("/api/admin/bans?cidr=203.0.113.0/24").DELETE().build()).statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> announce(String infoHashHex) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        String query = "info_hash=" + hash + "&peer_id=" + URLEncoder.encode("-qB4650-abcdefghijkl", StandardCharsets.UTF_8)
                + "&port=6881&uploaded=0&downloaded=0&left=100&compact=1&event=started";
        Http tracker = Http.at(trackerPort);
        return tracker.send(tracker.request("/announce?" + query).build());
    }

    private Process aria2(Path aria2c, Path dir, int listenPort, String seedTime, String seedRatio, String check, Path torrent)
            throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(aria2c.toString(), "--dir=" + dir,
                "--listen-port=" + listenPort, seedTime, "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--summary-interval=0",
                "--console-log-level=notice", "--bt-tracker-connect-timeout=5", "--bt-tracker-timeout=5",
                "--allow-overwrite=true"));
        if (seedRatio != null) {
            command.add(seedRatio);
        }
        if (check != null) {
            command.add(check);
        }
        command.add(torrent.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling("aria2-" + listenPort + ".log").toFile()).start();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String publish(String slug, byte[] content) {
        return new Studio(port).publishInNewShow(slug, content);
    }

    private byte[] download(String url) {
        Http web = Http.at(port);
        return web.sendForBytes(web.request(Studio.local(url)).build()).body();
    }

    /** The same signed torrent without {@code url-list}: outside {@code info}, so the hashes and the signature hold. */
    private static byte[] withoutWebSeed(byte[] torrent) {
        BDict root = (BDict) BencodeDecoder.strict().decode(torrent);
        BDict.Builder copy = BDict.builder();
        for (Map.Entry<BString, BValue> entry : root.entries().entrySet()) {
            if (!entry.getKey().text().equals("url-list")) {
                copy.put(entry.getKey(), entry.getValue());
            }
        }
        return BencodeEncoder.encode(copy.build());
    }
}
