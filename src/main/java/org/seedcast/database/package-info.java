/**
 * The database Seedcast runs on: a real PostgreSQL server embedded under the data directory
 * (storage's {@code seedcast.data-dir}) when no external one is configured
 * ({@code SPRING_DATASOURCE_URL}), started and stopped with the app; the bounds on every call
 * through the connection pool ({@code DatabaseTimeouts}), so a stalled server cannot hold request
 * threads; and {@code Notifications},
 * how nodes sharing one PostgreSQL tell each other what changed ({@code LISTEN/NOTIFY}).
 */
@ApplicationModule(allowedDependencies = {"storage"})
package org.seedcast.database;

import org.springframework.modulith.ApplicationModule;
