package org.seedcast.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Yielding threads run at a higher nice value than the tracker's exactly when the JVM maps Java
 * priorities to Linux's ({@code -XX:ThreadPriorityPolicy=1}, which the build's test JVM has, as
 * production should), and the node says at start which it runs with.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadPrioritiesTests {

    @Test
    void yieldingThreadsRunBelowTheTrackersWhenTheJvmMapsPriorities(CapturedOutput output) {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "Linux only: other systems have no /proc to read");
        int yielding = ThreadPriorities.nice(ThreadPriorities.YIELDING).orElseThrow();
        int normal = ThreadPriorities.nice(Thread.NORM_PRIORITY).orElseThrow();
        new ThreadPriorities(new NodeProperties(Set.of(NodeRole.WEB, NodeRole.TRACKER), null)).report();
        if (mapsPriorities()) {
            assertThat(yielding).isEqualTo(normal + 4);
            assertThat(output).contains("Web and seed work runs at nice " + yielding + ", below the tracker's event loops at nice " + normal);
        } else {
            assertThat(yielding).isEqualTo(normal);
            assertThat(output).contains("start the JVM with -XX:ThreadPriorityPolicy=1");
        }
    }

    @Test
    void aNodeWithoutTheTrackerOrWithTheTrackerAloneHasNothingToSay(CapturedOutput output) {
        new ThreadPriorities(new NodeProperties(Set.of(NodeRole.WEB, NodeRole.SEEDER), null)).report();
        new ThreadPriorities(new NodeProperties(Set.of(NodeRole.TRACKER), null)).report();
        assertThat(output).doesNotContain("nice").doesNotContain("ThreadPriorityPolicy");
    }

    @Test
    void theBuildsTestJvmRunsWithThePolicyProductionShouldHave() {
        assertThat(mapsPriorities()).as("pom.xml's argLine has -XX:ThreadPriorityPolicy=1").isTrue();
    }

    private static boolean mapsPriorities() {
        return "1".equals(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("ThreadPriorityPolicy").getValue());
    }
}
