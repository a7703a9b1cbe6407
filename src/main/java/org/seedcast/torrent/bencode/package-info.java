/**
 * Strict bencode (BEP 3): a canonical encoder and a decoder that rejects every non-canonical form
 * and keeps the exact byte span of each value, so an info-hash is taken over the bytes as written;
 * and {@link org.seedcast.torrent.bencode.BencodeBuffer}, which writes bencode straight into a
 * buffer for the tracker's answers. The one bencode codec of the application, open to every module.
 */
@NamedInterface("bencode")
package org.seedcast.torrent.bencode;

import org.springframework.modulith.NamedInterface;
