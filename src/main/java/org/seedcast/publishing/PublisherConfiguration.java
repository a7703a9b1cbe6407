package org.seedcast.publishing;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.seedcast.catalog.CatalogProperties;
import org.seedcast.storage.StorageProperties;
import org.seedcast.torrent.PublisherIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The publisher identity that signs every torrent (BEP 35). */
@Configuration(proxyBeanMethods = false)
class PublisherConfiguration {

    @Bean
    PublisherIdentity publisherIdentity(PublishingProperties properties, CatalogProperties site,
                                        StorageProperties storage, Clock clock) throws IOException {
        PublishingProperties.Keystore keystore = properties.keystore();
        if (keystore != null && keystore.path() != null) {
            String password = keystore.password() == null ? "" : keystore.password();
            return PublisherIdentity.fromKeyStore(keystore.path(), password.toCharArray(),
                    StringUtils.hasText(keystore.alias()) ? keystore.alias() : "seedcast");
        }
        String id = StringUtils.hasText(properties.id()) ? properties.id() : reverseDns(site.publicUrl());
        return PublisherIdentity.loadOrCreate(storage.inDataDir("publisher"), id, clock.instant());
    }

    /**
     * {@code https://shows.example.com/} → {@code com.example.shows}; a host without a dot
     * (localhost) or an IP address → {@code local.seedcast.<host>}.
     */
    static String reverseDns(URI url) {
        String host = url.getHost() == null ? "localhost" : url.getHost().toLowerCase(Locale.ROOT);
        if (!host.contains(".") || host.matches("[0-9.]+") || host.contains(":")) {
            return "local.seedcast." + host.replaceAll("[^a-z0-9-]", "-");
        }
        List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels);
    }
}
