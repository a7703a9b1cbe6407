package org.seedcast.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web app's own settings. The data directory (where multipart parts in flight are spooled, in
 * {@code multipart/}) and the upload limit are storage's ({@code StorageProperties}).
 *
 * @param signIn  how many failed sign-ins are allowed before further attempts are refused unchecked
 * @param metrics who may read {@code /actuator/prometheus} without signing in
 * @param webLimits what one client address may ask of the web app
 */
@ConfigurationProperties("seedcast")
record WebProperties(@DefaultValue SignIn signIn, @DefaultValue Metrics metrics, @DefaultValue Limits webLimits) {

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

    /**
     * Per client address (after the forward-headers strategy, if one is set), for pages, feeds,
     * the API and uploads; static assets and the web seed are not counted. Beyond either limit a
     * request gets 429 with {@code Retry-After} before it costs anything.
     *
     * @param requestsPerSecond {@code SEEDCAST_WEB_LIMITS_REQUESTS_PER_SECOND}: the sustained rate (0: no limits at all);
     *                          a person reading pages asks for a few a second, a feed reader one a minute
     * @param burst             requests an address may make at once after being quiet, a browser's page with its scripts included
     * @param inProgress        requests of one address being served at the same time (each holds one of Tomcat's threads)
     * @param exempt            {@code SEEDCAST_WEB_LIMITS_EXEMPT}: addresses or CIDRs without limits (a monitor, a proxy
     *                          that does not forward client addresses)
     */
    record Limits(@DefaultValue("20") int requestsPerSecond, @DefaultValue("100") int burst,
                  @DefaultValue("16") int inProgress, List<String> exempt) {

        Limits {
            exempt = exempt == null ? List.of() : exempt;
            if (requestsPerSecond < 0 || burst < 1 || inProgress < 1) {
                throw new IllegalArgumentException("seedcast.web-limits: requests-per-second must not be negative, burst and in-progress positive");
            }
        }
    }
}
