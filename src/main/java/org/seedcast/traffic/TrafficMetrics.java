package org.seedcast.traffic;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.seedcast.seeder.SeedTraffic;
import org.seedcast.storage.WebSeedTraffic;
import org.seedcast.tracker.Tracker;
import org.springframework.stereotype.Component;

/**
 * The traffic in Prometheus: the counters as they stand in memory (cumulative since the process
 * started, as Prometheus counters are, so {@code rate()} and {@code increase()} work across
 * restarts), and the overall P2P share as of the last flush, so a scrape never waits for the
 * database: {@code seedcast_seed_sent_bytes_total}, {@code seedcast_webseed_sent_bytes_total{client="bittorrent"|"plain"}},
 * {@code seedcast_fans_downloaded_bytes_total}, {@code seedcast_p2p_share} (0 to 1, NaN until fans report).
 * A share over any window: {@code 1 - (increase(seed) + increase(webseed{client="bittorrent"})) / increase(fans)}.
 */
@Component
class TrafficMetrics {

    private static final String WEBSEED = "seedcast.webseed.sent.bytes";
    private static final String WEBSEED_HELP = "Bytes of published media sent over HTTP, by kind of client";

    TrafficMetrics(MeterRegistry registry, SeedTraffic seed, WebSeedTraffic webSeed, Tracker tracker, TrafficLedger ledger) {
        total("seedcast.seed.sent.bytes", "Bytes of piece data our own seed sent", () -> sum(seed.sentByEpisode()))
                .register(registry);
        total(WEBSEED, WEBSEED_HELP, () -> webSeed.sent(WebSeedTraffic.Client.BITTORRENT))
                .tag("client", "bittorrent").register(registry);
        total(WEBSEED, WEBSEED_HELP, () -> webSeed.sent(WebSeedTraffic.Client.PLAIN))
                .tag("client", "plain").register(registry);
        total("seedcast.fans.downloaded.bytes", "Bytes fans reported downloading in their announces",
                () -> sum(tracker.downloadedByTorrent())).register(registry);
        Gauge.builder("seedcast.p2p.share", ledger, TrafficLedger::flushedShare)
                .description("Part of what fans downloaded that did not come from our seed or web seed, since accounting began")
                .register(registry);
    }

    private static FunctionCounter.Builder<Supplier<Long>> total(String name, String description,
                                                              Supplier<Long> value) {
        return FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description);
    }

    private static long sum(Map<?, Long> counts) {
        long sum = 0;
        for (long bytes : counts.values()) {
            sum += bytes;
        }
        return sum;
    }
}
