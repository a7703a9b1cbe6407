package org.seedcast.admin;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.seedcast.tracker.TrackerStats.SwarmMinute;

/**
 * A row's peers over the last hour as the points of an inline SVG polyline, drawn on the server:
 * fifty small charts cost no script, no request and no library, and pass the strict CSP.
 *
 * @param points the polyline's {@code x,y} pairs in a {@value #WIDTH}×{@value #HEIGHT} box; empty
 *               without samples (no swarm: nobody announced since the tracker started or for an hour)
 * @param peak   the most peers in one minute
 * @param label  what it shows, for screen readers and as a tooltip
 */
record Sparkline(String points, int peak, String label) {

    static final int WIDTH = 120;
    static final int HEIGHT = 24;
    /** One minute a step, newest at the right edge: a full hour spans the box. */
    private static final double STEP = (WIDTH - 2) / 59.0;

    static Sparkline of(List<SwarmMinute> minutes) {
        if (minutes.isEmpty()) {
            return new Sparkline("", 0, "No announce in the last hour");
        }
        int peak = minutes.stream().mapToInt(m -> m.seeders() + m.leechers()).max().orElse(0);
        StringJoiner points = new StringJoiner(" ");
        int n = minutes.size();
        for (int i = 0; i < n; i++) {
            SwarmMinute m = minutes.get(i);
            double x = WIDTH - 1 - (n - 1 - i) * STEP;
            double y = HEIGHT - 2 - (peak == 0 ? 0 : (m.seeders() + m.leechers()) * (HEIGHT - 4.0) / peak);
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        if (n == 1) { // a lone point still draws as a short stroke
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", WIDTH - 1.0 - STEP, HEIGHT - 2 - (peak == 0 ? 0 : HEIGHT - 4.0)));
        }
        return new Sparkline(points.toString(), peak,
                "Peers over the last " + n + (n == 1 ? " minute" : " minutes") + ", at most " + peak);
    }
}
