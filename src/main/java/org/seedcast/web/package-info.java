/**
 * Cross-cutting web concerns: security, error handling (RFC 9457 problem details), the layout and the home page.
 */
@ApplicationModule(allowedDependencies = {"accounts", "scheduling", "storage", "torrent"})
package org.seedcast.web;

import org.springframework.modulith.ApplicationModule;
