package org.seedcast.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.PageClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In the whole application, the web's request workers, its scheduled work and the seed's loops start
 * at {@link ThreadPriorities#YIELDING}; the tracker's event loops keep the normal priority.
 */
@IntegrationTest
class ThreadPrioritiesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void webAndSeedWorkGivesWayToTheTrackersEventLoops() {
        assertThat(PageClient.from(port, "127.0.0.44").get("/").statusCode()).isEqualTo(200);
        assertThat(threads("http-nio-" + port + "-exec-\\d+")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getPriority()).as(t.getName()).isEqualTo(ThreadPriorities.YIELDING));
        assertThat(threads("seedcast-seeder-\\d+-\\d+")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getPriority()).as(t.getName()).isEqualTo(ThreadPriorities.YIELDING));
        assertThat(threads("scheduling-\\d+")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getPriority()).as(t.getName()).isEqualTo(ThreadPriorities.YIELDING));
        assertThat(threads("seedcast-tracker-(http-)?\\d+-\\d+")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getPriority()).as(t.getName()).isEqualTo(Thread.NORM_PRIORITY));
    }

    private static List<Thread> threads(String name) {
        Pattern pattern = Pattern.compile(name);
        return Thread.getAllStackTraces().keySet().stream().filter(t -> pattern.matcher(t.getName()).matches()).toList();
    }
}
