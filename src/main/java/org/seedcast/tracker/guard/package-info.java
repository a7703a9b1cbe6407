/**
 * What the tracker lets in: the access list of the publisher's info-hashes and the blocked ones,
 * banned networks, per-address token buckets and connection limits, all read without locks.
 */
package org.seedcast.tracker.guard;
