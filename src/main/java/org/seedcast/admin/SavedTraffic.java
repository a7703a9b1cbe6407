package org.seedcast.admin;

import java.util.List;

import org.seedcast.traffic.TrafficBucket;
import org.seedcast.traffic.TrafficFigures;
import org.seedcast.traffic.TrafficReport;

/**
 * What BitTorrent saved, for one episode or all of them, as the pages and the JSON show it.
 *
 * @param figures       bytes since accounting began, and the P2P share
 * @param bucketSeconds the width of a history bucket
 * @param history       the last days, bucket by bucket, oldest first
 */
record SavedTraffic(TrafficFigures figures, long bucketSeconds, List<TrafficBucket> history) {

    static SavedTraffic overall(TrafficReport report) {
        return new SavedTraffic(report.overall(), report.bucket().toSeconds(), report.history());
    }

    static SavedTraffic episode(TrafficReport report, long episodeId) {
        return new SavedTraffic(report.episode(episodeId), report.bucket().toSeconds(), report.history(List.of(episodeId)));
    }
}
