package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web port's listening socket queues as many unaccepted connections as the kernel allows, up to
 * 4,096, as the tracker's does: Tomcat's default of 100 overflowed under a flood of slow connections, and
 * a fan whose SYN found the queue full waited a second to send it again.
 */
@IntegrationTest
class WebPortBacklogIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theListeningSocketsQueueIsAsDeepAsTheKernelAllows() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")), "needs iproute2's ss");
        Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        String listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(ss.waitFor()).isZero();
        // State Recv-Q Send-Q Local:Port Peer: for a listening socket, Send-Q is the queue's length
        String[] fields = listening.lines().findFirst().orElseThrow().trim().split("\\s+");
        int somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).getFirst().trim());
        assertThat(Integer.parseInt(fields[2])).as(listening).isEqualTo(Math.min(4096, somaxconn));
    }
}
