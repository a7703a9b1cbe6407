package org.seedcast.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start as root with the embedded database into Spring Boot's short "APPLICATION FAILED TO
 * START" report (what happened, what to do) instead of a page of nested stack traces.
 */
class RunningAsRootFailureAnalyzer extends AbstractFailureAnalyzer<RunningAsRoot> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RunningAsRoot cause) {
        return new FailureAnalysis("Seedcast was started as root with its embedded PostgreSQL, and PostgreSQL "
                + "refuses to run as root.",
                "Start Seedcast as an ordinary user (for example: useradd -m seedcast; runuser -u seedcast -- java "
                        + "-jar seedcast.jar), or use an external PostgreSQL: set SPRING_DATASOURCE_URL, "
                        + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.", cause);
    }
}
