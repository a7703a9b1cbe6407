package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.FirstInItsLane;
import org.seedcast.tracker.bench.StandaloneTracker;
import org.seedcast.tracker.guard.NetworkSet;

/**
 * A real client against our refusals: libtorrent (Debian's python3-libtorrent) announces a foreign
 * torrent over HTTP and UDP and reports when it would announce again. The target: at least
 * the refusal interval (7,200 s) on both transports, where an error packet or a dropped request
 * brings libtorrent back in about 30 s. Skipped without the binding unless SEEDCAST_REQUIRE_TOOLS=true.
 */
@BesideTheSuite
@FirstInItsLane
class LibtorrentRefusalTests {

    private static final Pattern NEXT = Pattern.compile("\"next_announce_s\": (\\d+)");

    @Test
    void libtorrentStaysAwayForTheRefusalIntervalOnBothTransports() throws Exception {
        assumeTool();
        TrackerServer server = StandaloneTracker.start(0, List.of(), NetworkSet.EMPTY, 1, false).server();
        try {
            String base = "127.0.0.1:" + server.port() + "/announce";
            List<Integer> waits = run("http://" + base, "udp://" + base);
            assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(7190));
        } finally {
            server.stop();
        }
    }

    @Test
    void anErrorPacketInsteadBringsLibtorrentBackSoon() throws Exception {
        assumeTool();
        TrackerServer server = StandaloneTracker.start(0, List.of(), NetworkSet.EMPTY, 1, true).server();
        try {
            List<Integer> waits = run("udp://127.0.0.1:" + server.port() + "/announce");
            // why the silent empty reply is the default: libtorrent treats an error as a failure and retries
            assertThat(waits).singleElement().satisfies(w -> assertThat(w).isLessThan(120));
        } finally {
            server.stop();
        }
    }

    private static List<Integer> run(String... urls) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "bench/refusal_backoff.py"));
        command.addAll(List.of(urls));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("libtorrent run finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        Matcher m = NEXT.matcher(output);
        List<Integer> waits = new java.util.ArrayList<>();
        while (m.find()) {
            waits.add(Integer.parseInt(m.group(1)));
        }
        return waits;
    }

    private static void assumeTool() throws IOException, InterruptedException {
        boolean available;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libtorrent").redirectErrorStream(true).start();
            available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        }
        if (!available && Boolean.parseBoolean(System.getProperty("seedcast.requireTools", System.getenv("SEEDCAST_REQUIRE_TOOLS")))) {
            throw new AssertionError("python3-libtorrent is required (SEEDCAST_REQUIRE_TOOLS=true) but missing");
        }
        assumeTrue(available, "python3-libtorrent not installed: skipping the real-client refusal test");
    }
}
