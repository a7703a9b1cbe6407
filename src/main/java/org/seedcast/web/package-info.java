/**
 * Cross-cutting web concerns: security, error handling (RFC 9457 problem details), the layout and the home page;
 * on a node without the web role, health and metrics on the management port.
 */
@ApplicationModule(allowedDependencies = {"accounts", "network", "node", "scheduling", "storage", "torrent"})
package org.seedcast.web;

import org.springframework.modulith.ApplicationModule;
