package org.seedcast.catalog.web;

import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.Playback;
import org.springframework.web.util.HtmlUtils;

/**
 * The iframe that puts an episode's player on another site: what a fan copies from the episode page
 * and what {@code /oembed} gives platforms. 16:9 for video; audio needs only its bar and the title.
 */
record PlayerFrame(String src, String title, boolean video, int width, int height) {

    static PlayerFrame of(EpisodeView episode, CatalogProperties site) {
        boolean video = episode.playback() != Playback.AUDIO;
        return new PlayerFrame(site.absolute("/embed/" + episode.id()), episode.title(), video,
                video ? 640 : 480, video ? 360 : 160);
    }

    /** The same frame scaled down, keeping its shape, to fit a consumer's limits (null or 0: none). */
    PlayerFrame fitting(Integer maxWidth, Integer maxHeight) {
        double scale = Math.min(1.0, Math.min(fit(maxWidth, width), fit(maxHeight, height)));
        return new PlayerFrame(src, title, video, Math.max(1, (int) (width * scale)), Math.max(1, (int) (height * scale)));
    }

    String html() {
        return "<iframe src=\"" + HtmlUtils.htmlEscape(src) + "\" width=\"" + width + "\" height=\"" + height
                + "\" title=\"" + HtmlUtils.htmlEscape(title) + "\" style=\"border:0\" allow=\"fullscreen\" allowfullscreen"
                + " loading=\"lazy\"></iframe>";
    }

    private static double fit(Integer max, int size) {
        return max == null || max <= 0 ? 1.0 : (double) max / size;
    }
}
