package org.seedcast.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The web app's own settings.
 *
 * @param dataDir {@code SEEDCAST_DATA_DIR}: multipart parts in flight are spooled to {@code multipart/} under it
 * @param uploads the episode upload limit ({@code SEEDCAST_UPLOADS_MAX_SIZE}), the only large multipart body accepted
 * @param signIn  how many failed sign-ins are allowed before further attempts are refused unchecked
 * @param metrics who may read {@code /actuator/prometheus} without signing in
 */
@ConfigurationProperties("seedcast")
record WebProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Uploads uploads, @DefaultValue SignIn signIn,
                     @DefaultValue Metrics metrics) {

    /** @param maxSize the largest media file accepted, 20 GB by default */
    record Uploads(@DefaultValue("20GB") DataSize maxSize) {
    }

    /**
     * A leaky bucket per user name and per address: each failure adds one, one drains every
     * {@code forgiveOneEvery}; at the maximum, attempts are refused (429, or a message on the
     * sign-in page) before any password is checked.
     *
     * @param maxFailuresPerUser    failures one user name may collect, from any address
     * @param maxFailuresPerAddress failures one client address may collect, for any user names
     * @param forgiveOneEvery       how often one failure is forgotten
     */
    record SignIn(@DefaultValue("10") int maxFailuresPerUser, @DefaultValue("30") int maxFailuresPerAddress,
                  @DefaultValue("1m") Duration forgiveOneEvery) {
    }

    /**
     * @param allowed {@code SEEDCAST_METRICS_ALLOWED}: addresses or CIDRs that may scrape
     *                {@code /actuator/prometheus} anonymously (loopback by default); anyone else needs an admin's credentials
     */
    record Metrics(@DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowed) {
    }

    Path multipartDir() {
        return dataDir.toAbsolutePath().normalize().resolve("multipart");
    }
}
