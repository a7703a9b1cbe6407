/**
 * Strict bencode (BEP 3): a canonical encoder and a decoder that rejects every non-canonical form
 * and keeps the exact byte span of each value, so an info-hash is taken over the bytes as written.
 */
package org.seedcast.torrent.bencode;
