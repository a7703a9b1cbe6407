/**
 * The admins' dashboard: swarms, unknown torrents, bans, users and the audit log.
 */
package org.seedcast.admin;
