package org.seedcast.support;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.BootstrapWith;

/**
 * Starts what the run shares and is slow to start, its {@link TestPostgres}, its {@link S3Proxy} and its
 * {@link Browser}, each on a thread of its own when the plan holds a class that needs it: the servers as soon as the
 * test plan is known, so they start while the first Spring context loads its classes instead of one after another
 * inside it; the browser once the run's first class is done (see {@link #executionFinished}), ahead of the first
 * browser test. Their first user waits for the start under way (each starts under a lock); a start that fails here is
 * left for that user to retry and report. A browser no test took is quit when the plan ends. Registered in
 * {@code META-INF/services}, after {@link TestRunSetup}, which empties their directories first.
 */
public class HeadStart implements TestExecutionListener {

    private volatile boolean browserWanted;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Set<Class<?>> classes = testClasses(plan);
        if (any(classes, type -> AnnotatedElementUtils.hasAnnotation(type, BootstrapWith.class))) {
            startAside("postgres", () -> {
                PostgresTestConfiguration.dockerAvailable();
                TestPostgres.start();
            });
        }
        if (any(classes, type -> AnnotatedElementUtils.hasAnnotation(type, S3IntegrationTest.class))) {
            startAside("s3proxy", S3Proxy::endpoint);
        }
        browserWanted = any(classes, type -> AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                .anyMatch(extension -> List.of(extension.value()).contains(Browser.Extension.class)));
    }

    /**
     * The browser starts once the run's first class is done, not with the servers: by then the first context has
     * loaded, which its start would slow down, and an idle browser costs CPU for as long as it waits.
     */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (browserWanted && test.getSource().filter(ClassSource.class::isInstance).isPresent()) {
            browserWanted = false;
            Browser.startEarly();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Browser.quitUntaken();
    }

    private static void startAside(String name, Runnable start) {
        Thread.ofPlatform().daemon().name("head-start-" + name).start(() -> {
            try {
                start.run();
            } catch (RuntimeException leftForItsFirstUser) {
                // its first user starts it again and fails with the reason
            }
        });
    }

    private static Set<Class<?>> testClasses(TestPlan plan) {
        return plan.getRoots().stream().map(plan::getDescendants).flatMap(Collection::stream)
                .map(TestIdentifier::getSource).flatMap(source -> source.stream())
                .filter(ClassSource.class::isInstance).map(source -> ((ClassSource) source).getJavaClass())
                .collect(Collectors.toSet());
    }

    private static boolean any(Collection<Class<?>> classes, Predicate<Class<?>> test) {
        return classes.stream().anyMatch(test);
    }
}
