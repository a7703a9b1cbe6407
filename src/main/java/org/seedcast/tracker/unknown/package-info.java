/**
 * Accounting of foreign info-hashes announced to the tracker, in fixed memory: a capped table with
 * sampled eviction, a small distinct-count sketch and top-k of sources and clients per hash.
 */
package org.seedcast.tracker.unknown;
