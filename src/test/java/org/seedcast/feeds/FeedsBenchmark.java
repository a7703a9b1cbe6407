package org.seedcast.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.seedcast.catalog.CatalogChanged;
import org.seedcast.catalog.TorrentLinks;
import org.springframework.http.ResponseEntity;

/**
 * A show with 1,000 published episodes: the median time to answer its podcast feed from the cache
 * (controller and cache, as a request runs them, without the network) against rendering it anew
 * (the real writer and ETag hash after a catalog change). Run by {@code bench/feeds.sh}.
 */
final class FeedsBenchmark {

    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Feed feed = feed(episodes);
        FeedContent content = new FeedContent(null, null, null, null, new FeedsProperties(episodes, Duration.ofMinutes(5))) {
            @Override
            Feed show(String slug, String selfPath) {
                return feed;
            }
        };
        Feeds feeds = new Feeds(content, Clock.systemUTC());
        FeedController controller = new FeedController(feeds, new FeedsProperties(episodes, Duration.ofMinutes(5)));

        double[] uncached = time(300, () -> {
            feeds.on(new CatalogChanged(1, null));
            return controller.podcast("bench");
        });
        double[] cached = time(100_000, () -> controller.podcast("bench"));
        int bytes = controller.podcast("bench").getBody().length;

        System.out.printf("podcast feed, %d episodes, %,d bytes%n", episodes, bytes);
        System.out.printf("uncached render (writer + SHA-256 ETag): median %.3f ms, p90 %.3f ms%n",
                median(uncached), percentile(uncached, 0.9));
        System.out.printf("served from cache:                       median %.4f ms, p90 %.4f ms%n",
                median(cached), percentile(cached, 0.9));
        System.out.printf("ratio uncached/cached: %.0fx; target median < 5 ms once warm: %s%n",
                median(uncached) / median(cached), median(cached) < 5 ? "met" : "MISSED");
    }

    /** Warms up as many times as it measures, then returns each call's milliseconds. */
    private static double[] time(int runs, java.util.function.Supplier<ResponseEntity<byte[]>> call) {
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            sink += call.get().getBody().length;
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink += call.get().getBody().length;
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        if (sink == 42) {
            System.out.println();
        }
        return millis;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static Feed feed(int count) {
        List<Feed.Item> items = new ArrayList<>();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = count; i > 0; i--) {
            String hash = "%040x".formatted(i);
            TorrentLinks.Links torrent = new TorrentLinks.Links(hash, null,
                    "magnet:?xt=urn:btih:" + hash + "&dn=Episode-" + i + ".mp4&tr=http%3A%2F%2Ftv.example%3A6969%2Fannounce",
                    "https://tv.example/torrents/" + hash + ".torrent", 40_000 + i);
            items.add(new Feed.Item(UUID.nameUUIDFromBytes(hash.getBytes()), "Episode " + i + " — Tom & Jerry <live>",
                    "Show notes of episode " + i + ", with links & markup <b>kept as text</b>. ".repeat(4),
                    "https://tv.example/shows/bench/episodes/" + i, now.minusSeconds(86_400L * (count - i)),
                    1 + i / 100, i, false, "Episode-" + i + ".mp4", "https://tv.example/media/" + i + "/Episode-" + i + ".mp4",
                    "video/mp4", 1_500_000_000L + i, "%064x".formatted(i), torrent, null, null, 3_600L + i, 1920, 1080,
                    "https://tv.example/shows/bench/episodes/" + i + "/poster.jpg"));
        }
        return new Feed("Bench show", "https://tv.example/shows/bench", "A show with many episodes", "en", "Studio",
                "Arts", false, "https://tv.example/shows/bench/artwork", "https://tv.example/shows/bench/feed.xml", now, items);
    }
}
