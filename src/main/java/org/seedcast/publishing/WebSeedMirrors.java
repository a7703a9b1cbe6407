package org.seedcast.publishing;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Extra web seeds (BEP 19) besides our own {@code /media/...}: a CDN in front of the web seed, or
 * a mirror of the media. They are not in the stored, signed .torrent: each .torrent is served, and
 * each magnet made, with the mirrors set now, after our own web seed. {@code url-list} sits outside
 * the info dict, so adding or dropping a mirror changes no info-hash and no signature.
 *
 * @param mirrors {@code SEEDCAST_WEBSEED_MIRRORS}: base URLs (http or https, comma-separated), each serving the
 *                media at the paths the public URL does: mirror {@code https://cdn.example.com} makes the web seed
 *                {@code https://cdn.example.com/media/{episode}/{file}}
 */
@ConfigurationProperties("seedcast.webseed")
record WebSeedMirrors(List<URI> mirrors) {

    WebSeedMirrors {
        mirrors = mirrors == null ? List.of() : mirrors.stream().map(WebSeedMirrors::base).toList();
    }

    /** The mirrors' URLs of the media at {@code mediaPath} (starting with /), in the order configured. */
    List<URI> of(String mediaPath) {
        return mirrors.stream().map(mirror -> URI.create(mirror + mediaPath)).toList();
    }

    boolean isEmpty() {
        return mirrors.isEmpty();
    }

    private static URI base(URI mirror) {
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || mirror.getHost() == null
                || mirror.getRawQuery() != null || mirror.getRawFragment() != null) {
            throw new IllegalArgumentException("seedcast.webseed.mirrors: " + mirror
                    + " is not an http(s) base URL without a query, such as https://cdn.example.com");
        }
        String text = mirror.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
