/**
 * Scheduled work that several nodes share one PostgreSQL for, and that must not run on two of them
 * at once: publishing the scheduled episodes, sweeping abandoned uploads, expired sessions. Work
 * that concerns one node's own memory (its counters, caches, connections) is no business of this
 * module and runs on every node.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.scheduling;

import org.springframework.modulith.ApplicationModule;
