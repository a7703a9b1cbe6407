package org.seedcast.tracker.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters, resolved once: {@code seedcast.tracker.requests} counters by transport, kind
 * and outcome in an array indexed by ordinals (no registry lookup per request), a response-time
 * histogram per transport, and gauges over the swarm store and the unknown-torrent table.
 */
public final class TrackerMetrics {

    public enum Transport { HTTP, UDP }

    public enum Kind { ANNOUNCE, SCRAPE, CONNECT, OTHER }

    public enum Outcome { OK, UNKNOWN, BLOCKED, RATE_LIMITED, BAD_REQUEST, BANNED }

    private static final int KINDS = Kind.values().length;
    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final Counter[] counters;
    private final Timer[] timers;

    public TrackerMetrics(MeterRegistry registry) {
        this.registry = registry;
        counters = new Counter[Transport.values().length * KINDS * OUTCOMES];
        for (Transport t : Transport.values()) {
            for (Kind k : Kind.values()) {
                for (Outcome o : Outcome.values()) {
                    counters[index(t, k, o)] = Counter.builder("seedcast.tracker.requests")
                            .description("Tracker requests by transport, kind and outcome")
                            .tag("transport", tag(t)).tag("kind", tag(k)).tag("outcome", tag(o))
                            .register(registry);
                }
            }
        }
        timers = new Timer[Transport.values().length];
        for (Transport t : Transport.values()) {
            timers[t.ordinal()] = Timer.builder("seedcast.tracker.response")
                    .description("Time from a parsed request to its answer written")
                    .tag("transport", tag(t)).publishPercentileHistogram()
                    .register(registry);
        }
    }

    /** Counts a request that was not answered (dropped): no response time to record. */
    public void countDropped(Transport transport, Kind kind, Outcome outcome) {
        counters[index(transport, kind, outcome)].increment();
    }

    public void count(Transport transport, Kind kind, Outcome outcome, long startNanos) {
        counters[index(transport, kind, outcome)].increment();
        timers[transport.ordinal()].record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    public long count(Transport transport, Kind kind, Outcome outcome) {
        return (long) counters[index(transport, kind, outcome)].count();
    }

    public long total(Kind kind) {
        long n = 0;
        for (Transport t : Transport.values()) {
            for (Outcome o : Outcome.values()) {
                n += count(t, kind, o);
            }
        }
        return n;
    }

    public long total(Outcome outcome) {
        long n = 0;
        for (Transport t : Transport.values()) {
            for (Kind k : Kind.values()) {
                n += count(t, k, outcome);
            }
        }
        return n;
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A running total kept elsewhere (it only grows), exported as a counter. */
    public void total(String name, String description, Supplier<Number> value) {
        FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description).register(registry);
    }

    public static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static int index(Transport t, Kind k, Outcome o) {
        return (t.ordinal() * KINDS + k.ordinal()) * OUTCOMES + o.ordinal();
    }
}
