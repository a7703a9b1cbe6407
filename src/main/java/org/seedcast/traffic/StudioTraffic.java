package org.seedcast.traffic;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedcast.catalog.EpisodeTraffic;
import org.springframework.stereotype.Component;

/** The producers' view of the traffic, in the catalog's terms. */
@Component
class StudioTraffic implements EpisodeTraffic {

    private final TrafficReport report;

    StudioTraffic(TrafficReport report) {
        this.report = report;
    }

    @Override
    public Map<Long, Figures> forEpisodes(Collection<Long> episodeIds) {
        Map<Long, Figures> figures = new HashMap<>();
        report.byEpisode(episodeIds).forEach((id, f) -> figures.put(id, figures(f)));
        return figures;
    }

    @Override
    public Figures together(Collection<Long> episodeIds) {
        return figures(report.byEpisode(episodeIds).values().stream().reduce(TrafficFigures.NONE, TrafficFigures::plus));
    }

    private static Figures figures(TrafficFigures f) {
        return new Figures(f.seedBytes(), f.webSeedBitTorrentBytes(), f.webSeedPlainBytes(), f.fanBytes(), f.p2pShare());
    }

    @Override
    public List<Point> history(Collection<Long> episodeIds) {
        return report.history(episodeIds).stream()
                .map(b -> new Point(b.start(), b.figures().seedBytes(), b.figures().webSeedBitTorrentBytes(),
                        b.figures().betweenFans()))
                .toList();
    }
}
