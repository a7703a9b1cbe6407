package org.seedcast.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which of a node's threads give way to which for the CPU. The tracker's event loops answer
 * announces within milliseconds; the rest of what a node runs can wait a few: the web's request
 * workers and scheduled web work, the seed's loops, background media work. Those threads start at
 * {@link #YIELDING}, so a burst of costly web requests (page renders, refused uploads being drained)
 * delays announces less.
 *
 * <p>Java priorities reach Linux's scheduler only when the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}: the yielding threads then run at nice 4, the tracker's at 0,
 * and when both want a core the tracker's loop gets about 2.4 times a yielding thread's share (the
 * kernel's weights for nice 0 and 4). Nice 10 was tried and starved the pages of a web flood. Without
 * the flag every thread is equal. Lowering a thread's priority needs no privilege; the warning the
 * JVM prints at start is about raising one, which Seedcast never does.
 *
 * <p>At start, a node that runs the tracker beside another role logs which of the two it runs with.
 */
@Component
public final class ThreadPriorities {

    /** The priority of threads whose work may wait for the tracker's. */
    public static final int YIELDING = Thread.MIN_PRIORITY;

    private static final Logger log = LoggerFactory.getLogger(ThreadPriorities.class);
    private static final Path OWN_STAT = Path.of("/proc/thread-self/stat");

    private final NodeProperties node;

    ThreadPriorities(NodeProperties node) {
        this.node = node;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (!node.runs(NodeRole.TRACKER) || node.roles().size() == 1) {
            return;
        }
        OptionalInt yielding = nice(YIELDING);
        OptionalInt tracker = nice(Thread.NORM_PRIORITY);
        if (yielding.isEmpty() || tracker.isEmpty()) {
            return; // not Linux: no way to tell, and nothing to advise
        }
        if (yielding.getAsInt() > tracker.getAsInt()) {
            log.info("Web and seed work runs at nice {}, below the tracker's event loops at nice {}",
                    yielding.getAsInt(), tracker.getAsInt());
        } else {
            log.warn("The tracker's event loops share the CPU as equals with web and seed work: start the JVM with "
                    + "-XX:ThreadPriorityPolicy=1 so that a burst of costly web requests delays announces less "
                    + "(README: JVM settings for production)");
        }
    }

    /**
     * The nice value a new thread of this priority runs at, read from Linux's {@code /proc}; empty
     * where there is none to read.
     */
    static OptionalInt nice(int priority) {
        if (!Files.isReadable(OWN_STAT)) {
            return OptionalInt.empty();
        }
        AtomicReference<OptionalInt> nice = new AtomicReference<>(OptionalInt.empty());
        Thread probe = Thread.ofPlatform().name("seedcast-priority-probe").priority(priority).daemon()
                .start(() -> nice.set(ownNice()));
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return nice.get();
    }

    private static OptionalInt ownNice() {
        try {
            // read line by line: Files.readString trusts the size procfs reports, and got "4" of a sysctl's "4096"
            String stat = Files.readAllLines(OWN_STAT).getFirst();
            // the fields after the command name, which may hold spaces and parentheses; nice is the 19th field
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
