/**
 * The database Seedcast runs on: a real PostgreSQL server embedded under the data directory when
 * no external one is configured ({@code SPRING_DATASOURCE_URL}), started and stopped with the app.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.database;

import org.springframework.modulith.ApplicationModule;
