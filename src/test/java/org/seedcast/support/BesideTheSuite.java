package org.seedcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Runs a test class in a second lane, beside the rest of the suite, which runs one class after another in the
 * first: for a class that spends its time waiting on processes of its own (a second JVM, real BitTorrent clients,
 * a rate-limited seed, timers it cannot shorten), so the wait overlaps other classes' work. Its own methods still
 * run one after another (the class holds a lock of its own name). {@code junit-platform.properties} sets how many
 * lanes there are.
 * <p>
 * Only for a class that shares nothing with the others: not the {@link IntegrationTest} context (nor its
 * {@link TestClock}), no system property, no fixed port, no file outside a directory of its own. Nor a Spring test
 * context of its own ({@code @SpringBootTest}, a slice, a module test): Spring loads test contexts one at a time, so
 * one loading in this lane holds up the suite's (an application a test starts itself is no test context). A class that
 * shares something with another one (the {@link ExternalPostgres} server that a test stops, say) names it in a
 * {@link ResourceLock} on both, so JUnit never runs the two at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(providers = BesideTheSuite.OwnLock.class)
public @interface BesideTheSuite {

    /** A lock named after the class, held while it runs: JUnit then runs its methods in one thread, in order. */
    final class OwnLock implements ResourceLocksProvider {

        @Override
        public Set<Lock> provideForClass(Class<?> testClass) {
            return Set.of(new Lock(testClass.getName(), ResourceAccessMode.READ_WRITE));
        }
    }
}
