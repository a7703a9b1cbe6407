package org.seedcast.seeder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The seed's Prometheus metrics: open connections, torrents served, bytes of piece data and of
 * metadata sent, encrypted handshakes answered, and connections refused or closed by reason.
 */
final class SeederMetrics {

    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder pieceBytes = new LongAdder();
    private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    private final Counter encrypted;

    SeederMetrics(MeterRegistry registry, Supplier<Integer> torrents) {
        Gauge.builder("seedcast.seeder.connections", connections, AtomicInteger::get)
                .description("Open peer connections of the publisher's seed").register(registry);
        Gauge.builder("seedcast.seeder.torrents", torrents, t -> t.get())
                .description("Published torrents the seed serves").register(registry);
        FunctionCounter.builder("seedcast.seeder.sent", pieceBytes, LongAdder::sum).baseUnit("bytes")
                .description("Bytes of piece data the seed sent").register(registry);
        encrypted = Counter.builder("seedcast.seeder.encrypted.handshakes")
                .description("Encrypted (MSE/PE) handshakes the seed answered, agreeing on plaintext").register(registry);
        for (CloseReason reason : CloseReason.values()) {
            String name = reason.refusal() ? "seedcast.seeder.refused" : "seedcast.seeder.closed";
            closed.put(reason, Counter.builder(name).tag("reason", reason.tag())
                    .description(reason.refusal() ? "Peer connections refused at the handshake"
                            : "Peer connections the seed closed")
                    .register(registry));
        }
    }

    void opened() {
        connections.incrementAndGet();
    }

    void gone() {
        connections.decrementAndGet();
    }

    void sent(long bytes) {
        pieceBytes.add(bytes);
    }

    void closed(CloseReason reason) {
        closed.get(reason).increment();
    }

    void encryptedHandshake() {
        encrypted.increment();
    }

    long encryptedHandshakes() {
        return (long) encrypted.count();
    }

    int connections() {
        return connections.get();
    }

    long count(CloseReason reason) {
        return (long) closed.get(reason).count();
    }
}
