package org.seedcast.traffic;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Bytes of one episode (or of several, added up) by where they went.
 *
 * <p>The <b>P2P share</b> is the part of what fans downloaded that did not come from our servers:
 * {@code max(0, fans − (seed + BitTorrent web seed)) / fans}. Plain downloads of {@code /media} are
 * not fans' torrent downloads and stay out of it. Fans' bytes are what their clients said in their
 * announces, so they lag by up to an announce interval, and they fall short when clients report no
 * {@code downloaded}, leave without a last announce, or found us without announcing here (a magnet
 * resolved through our seed's {@code x.pe} or DHT alone). When fans reported less than we sent the
 * share is 0, never negative; when they reported nothing it is undefined ({@code null}).
 *
 * @param seedBytes              piece data our own seed sent
 * @param webSeedBitTorrentBytes {@code /media} bytes sent to BitTorrent clients using it as their web seed
 * @param webSeedPlainBytes      {@code /media} bytes sent to browsers, podcast apps and download tools
 * @param fanBytes               bytes fans reported downloading in their announces
 */
public record TrafficFigures(long seedBytes, long webSeedBitTorrentBytes, long webSeedPlainBytes, long fanBytes) {

    public static final TrafficFigures NONE = new TrafficFigures(0, 0, 0, 0);

    /** What fans took from us: our seed and the web seed's BitTorrent clients. */
    @JsonProperty
    public long fromOurServers() {
        return seedBytes + webSeedBitTorrentBytes;
    }

    /** What fans reported beyond what we sent them: bytes they exchanged among themselves. */
    @JsonProperty
    public long betweenFans() {
        return Math.max(0, fanBytes - fromOurServers());
    }

    /** The P2P share, 0 to 1; {@code null} while fans reported nothing. */
    @JsonProperty
    public Double p2pShare() {
        return fanBytes <= 0 ? null : (double) betweenFans() / fanBytes;
    }

    /** The share as a whole percentage ({@code 63 %}), or {@code —} while fans reported nothing. */
    public String p2pShareText() {
        Double share = p2pShare();
        return share == null ? "—" : Math.round(share * 100) + " %";
    }

    public TrafficFigures plus(TrafficFigures other) {
        return new TrafficFigures(seedBytes + other.seedBytes, webSeedBitTorrentBytes + other.webSeedBitTorrentBytes,
                webSeedPlainBytes + other.webSeedPlainBytes, fanBytes + other.fanBytes);
    }

    boolean isZero() {
        return seedBytes == 0 && webSeedBitTorrentBytes == 0 && webSeedPlainBytes == 0 && fanBytes == 0;
    }
}
