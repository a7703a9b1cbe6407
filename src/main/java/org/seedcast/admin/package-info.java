/**
 * The admins' dashboard: swarms, unknown torrents, bans, users and the audit log.
 */
@ApplicationModule(allowedDependencies = {"accounts", "catalog", "publishing", "torrent", "tracker", "traffic"})
package org.seedcast.admin;

import org.springframework.modulith.ApplicationModule;
