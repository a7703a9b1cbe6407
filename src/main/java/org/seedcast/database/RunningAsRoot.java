package org.seedcast.database;

/** The embedded PostgreSQL cannot start because the process runs as root, which PostgreSQL refuses. */
class RunningAsRoot extends IllegalStateException {

    RunningAsRoot() {
        super("PostgreSQL refuses to run as root, so the embedded database cannot start. "
                + "Run Seedcast as an ordinary user, or point it at an external PostgreSQL with SPRING_DATASOURCE_URL.");
    }
}
