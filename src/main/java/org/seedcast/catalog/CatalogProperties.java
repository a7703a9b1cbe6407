package org.seedcast.catalog;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl {@code SEEDCAST_PUBLIC_URL}: the base URL written into feeds, torrents and web seeds
 */
@ConfigurationProperties("seedcast")
public record CatalogProperties(@DefaultValue("http://localhost:8080") URI publicUrl) {

    /** {@code path} (starting with /) as an absolute URL under the public URL. */
    public String absolute(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
