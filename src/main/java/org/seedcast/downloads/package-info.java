/**
 * Download counts per episode (direct media from byte 0, .torrent fetches): counted in memory on
 * the request path, written to PostgreSQL in batches, shown to producers in the studio.
 */
@ApplicationModule(allowedDependencies = {"catalog", "publishing", "storage"})
package org.seedcast.downloads;

import org.springframework.modulith.ApplicationModule;
