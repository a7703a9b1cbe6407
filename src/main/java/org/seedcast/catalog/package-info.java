/**
 * Shows, episodes and the people who manage them: producers' rights on shows, drafts and
 * publishing state, the public pages and the REST API over them.
 */
@ApplicationModule(allowedDependencies = {"accounts", "database", "node", "scheduling", "storage", "torrent"})
package org.seedcast.catalog;

import org.springframework.modulith.ApplicationModule;
