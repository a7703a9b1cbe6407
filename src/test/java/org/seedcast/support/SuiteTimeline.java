package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes when each test class started and ended, on which thread (the suite's lane; see {@link BesideTheSuite}),
 * to {@code target/test-timeline.tsv}: seconds since the run started, so what holds the run up (the longer lane,
 * a class waiting for a lock) shows, which the per-class times of Surefire's reports do not. Registered in
 * {@code META-INF/services}.
 */
public class SuiteTimeline implements TestExecutionListener {

    private static final Path FILE = Path.of("target/test-timeline.tsv");

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final StringBuilder lines = new StringBuilder("start_s\tend_s\tseconds\tthread\tclass\n");
    private long runStart;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        runStart = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (isClass(test)) {
            started.put(test.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Long start = started.remove(test.getUniqueId());
        if (start == null) {
            return;
        }
        long end = System.nanoTime();
        String name = ((ClassSource) test.getSource().orElseThrow()).getClassName();
        synchronized (lines) {
            lines.append(String.format("%.1f\t%.1f\t%.1f\t%s\t%s%n", seconds(start - runStart), seconds(end - runStart),
                    seconds(end - start), Thread.currentThread().getName(), name));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        synchronized (lines) {
            lines.append(String.format("# %.1f s in all, %.1f s of this JVM's CPU%n", seconds(System.nanoTime() - runStart),
                    seconds(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime())));
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isClass(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
