/**
 * Where the tracker's state outlives the process: completed counts, unknown-torrent accounting,
 * blocks and bans, written in batches by one background thread, never from the request path.
 */
package org.seedcast.tracker.store;
