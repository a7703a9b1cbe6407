/**
 * {@code seedcast train}: the training run for the JVM's ahead-of-time cache, a throwaway instance
 * driven through its tracker, pages and feeds so the cache holds what production runs.
 */
@ApplicationModule(allowedDependencies = {"tracker :: training"})
package org.seedcast.training;

import org.springframework.modulith.ApplicationModule;
