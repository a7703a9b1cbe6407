package org.seedcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/**
 * BitTorrent clients on 127.0.0.1 announcing to the application's own tracker over HTTP. The
 * tracker keys peers by address and port, so each {@code port} is a peer of its own.
 */
public final class Peers {

    private final Http tracker;

    public Peers(int trackerPort) {
        this.tracker = Http.at(trackerPort);
    }

    /** A leecher with {@code left} bytes to go ({@code 0}: a seeder); asserts the tracker took it. */
    public HttpResponse<String> announce(String infoHashHex, int port, long left, String event) {
        HttpResponse<String> answer = tracker.send(tracker.request("/announce?" + query(infoHashHex, port, left, event)).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("a tracked torrent's answer").doesNotContain("failure reason");
        return answer;
    }

    /** {@link #announce}'s answer as its bytes, one char each: compact peer lists are binary. */
    public String announceBinary(String infoHashHex, int port, long left, String event) {
        HttpResponse<byte[]> answer = tracker.sendForBytes(tracker.request("/announce?" + query(infoHashHex, port, left, event)).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new String(answer.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String query(String infoHashHex, int port, long left, String event) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        return "info_hash=" + hash + "&peer_id=-qB4650-" + String.format("%012d", port)
                + "&port=" + port + "&uploaded=0&downloaded=0&left=" + left + "&compact=1"
                + (event == null ? "" : "&event=" + event);
    }

    /**
     * Two closed minutes of a small swarm, as the dashboard's tests want them: a seeder on
     * {@code port} and a leecher on {@code port + 1} start, a minute closes, the leecher
     * completes, another minute closes. {@code closeMinute} does what the tracker's timer does.
     */
    public void twoMinutesOfASeederAndALeecher(String infoHashHex, int port, Runnable closeMinute) {
        announce(infoHashHex, port, 0, "started");
        announce(infoHashHex, port + 1, 1000, "started");
        closeMinute.run();
        announce(infoHashHex, port + 1, 0, "completed");
        closeMinute.run();
    }
}
