/**
 * What BitTorrent saved: the bytes our seed and our web seed sent and the bytes fans reported
 * downloading, per episode and over time, and from them the share that fans exchanged among themselves.
 */
package org.seedcast.traffic;
