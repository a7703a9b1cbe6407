package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.bench.StandaloneTracker;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.FirstInItsLane;

/**
 * A real client's swarm through our tracker alone: libtorrent (Debian's python3-libtorrent) runs a
 * seeder and a leecher as two sessions of one process, with no DHT, peer exchange or web seed, so
 * the leecher completes only if the tracker introduced them. Two sessions in one process share
 * libtorrent's cache of UDP connection ids, and the second session uses an id the first obtained,
 * from another local port. Skipped without the binding unless {@code seedcast.requireTools=true}.
 */
@BesideTheSuite
@FirstInItsLane
class LibtorrentSwarmTests {

    @TempDir
    Path work;

    @Test
    void twoSessionsOfOneProcessCompleteOverUdpAsOverHttp() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path script = script("libtorrent_pair.py");
        String infoHash = RequiredTools.run(List.of(python.toString(), script.toString(), "create", work.toString())).strip();
        StandaloneTracker.Running tracker = StandaloneTracker.start(0,
                List.of(HashKey.of(InfoHash.fromHex(infoHash))), NetworkSet.EMPTY, 1, false);
        try {
            String base = "127.0.0.1:" + tracker.server().port() + "/announce";
            for (String url : List.of("http://" + base, "udp://" + base)) {
                String report = RequiredTools.run(List.of(python.toString(), script.toString(), "pair", url,
                        work.toString(), "60"));
                assertThat(report).as(url).contains("\"completed\": true");
            }
        } finally {
            tracker.server().stop();
        }
    }

    private Path script(String name) throws Exception {
        Path script = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }
}
