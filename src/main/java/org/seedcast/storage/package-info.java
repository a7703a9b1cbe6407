/**
 * Media files named by id, on disk under the data directory or in an S3-compatible bucket;
 * resumable uploads (tus 1.0) that stream to disk, and ranged serving of published media (the web seed).
 */
@ApplicationModule(allowedDependencies = {"accounts", "node", "scheduling", "torrent"})
package org.seedcast.storage;

import org.springframework.modulith.ApplicationModule;
