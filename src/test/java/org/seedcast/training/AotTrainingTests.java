package org.seedcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seedcast.SeedcastApplication;
import org.seedcast.support.BesideTheSuite;

/**
 * {@code seedcast train}: a whole throwaway application (its own embedded PostgreSQL in a temporary
 * directory) started, trained through its tracker and pages, and shut down, with exit status 0. Beside the suite:
 * the application and its database are its own, on ports the system chose.
 */
@BesideTheSuite
class AotTrainingTests {

    @Test
    void trainsAThrowawayApplicationAndReportsEveryAnswer() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = AotTraining.run(SeedcastApplication.class, new String[] {"train", "10", "2"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // 10 peers: 1 UDP connect and 2 rounds of 3 UDP requests each; 2 rounds of 4 HTTP requests; 7 pages 100 times
        assertThat(out).contains("tracker 70 UDP and 80 HTTP answers, 0 failures, 20000 flood datagrams")
                .contains("pages 700 answers, 0 failures");
        assertThat(status).isZero();
    }

    @Test
    void refusesNonsenseArgumentsWithUsageBeforeStartingAnything() {
        for (String[] args : new String[][] {{"train", "many"}, {"train", "0"}, {"train", "10", "21"}, {"train", "70000"}}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            int status = AotTraining.run(SeedcastApplication.class, args, new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(2);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("usage: train [PEERS=1000");
        }
    }
}
