/**
 * Tracker wire formats in plain Java: HTTP announce/scrape queries parsed from raw bytes, bencoded
 * answers (BEP 3, 7, 23, 31, 48) and the UDP tracker protocol (BEP 15), written straight into buffers.
 */
package org.seedcast.tracker.protocol;
