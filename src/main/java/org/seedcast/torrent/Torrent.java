package org.seedcast.torrent;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BList;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeEncoder;

/**
 * A .torrent file (BEP 3; hybrid v1+v2 per BEP 52) with what other modules need from it: its
 * bytes, its info-hashes (of the info dict's exact bytes), name, length, trackers and web seeds.
 * Made by {@link #create} or read by {@link #parse}, which accepts only strict bencode.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 */
public final class Torrent {

    private final byte[] bytes;
    private final BDict root;
    private final byte[] infoBytes;
    private final InfoHash infoHash;
    private final InfoHashV2 infoHashV2;
    private final String name;
    private final long length;
    private final List<URI> trackers;
    private final List<URI> webSeeds;

    Torrent(byte[] bytes, BDict root, byte[] infoBytes, InfoHash infoHash, InfoHashV2 infoHashV2,
            String name, long length, List<URI> trackers, List<URI> webSeeds) {
        this.bytes = bytes;
        this.root = root;
        this.infoBytes = infoBytes;
        this.infoHash = infoHash;
        this.infoHashV2 = infoHashV2;
        this.name = name;
        this.length = length;
        this.trackers = List.copyOf(trackers);
        this.webSeeds = List.copyOf(webSeeds);
    }

    /** A single-file torrent for the hashed file, v1 or hybrid as the hashes were made. */
    public static Torrent create(TorrentSpec spec, PieceHashes hashes) {
        return fromOwnBytes(BencodeEncoder.encode(MetainfoWriter.torrent(spec, hashes)));
    }

    /** Reads a torrent from untrusted bytes. */
    public static Torrent parse(byte[] bytes) throws InvalidTorrentException {
        return MetainfoReader.read(bytes.clone());
    }

    /**
     * Reads a torrent from untrusted bytes, decoding at most {@code maxValues} bencode values: each
     * costs a few objects, so a public entry point bounds the heap a crafted input can claim.
     */
    public static Torrent parse(byte[] bytes, int maxValues) throws InvalidTorrentException {
        return MetainfoReader.read(bytes.clone(), new BencodeDecoder(BencodeDecoder.DEFAULT_MAX_BYTES,
                BencodeDecoder.DEFAULT_MAX_DEPTH, maxValues));
    }

    /** Reads bytes this engine just wrote; a failure is a bug, not bad input. */
    static Torrent fromOwnBytes(byte[] bytes) {
        try {
            return MetainfoReader.read(bytes);
        } catch (InvalidTorrentException e) {
            throw new IllegalStateException("wrote a torrent it cannot read back", e);
        }
    }

    /** A copy of the .torrent file's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The v1 info-hash: SHA-1 of the info dict's bytes. */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** The v2 info-hash (SHA-256 of the same bytes) of a hybrid torrent; empty for v1. */
    public Optional<InfoHashV2> infoHashV2() {
        return Optional.ofNullable(infoHashV2);
    }

    public TorrentFormat format() {
        return infoHashV2 == null ? TorrentFormat.V1 : TorrentFormat.HYBRID;
    }

    public String name() {
        return name;
    }

    /** The total length of the torrent's content in bytes. */
    public long length() {
        return length;
    }

    /** Every announce URL, {@code announce} first, then {@code announce-list} tier by tier. */
    public List<URI> trackers() {
        return trackers;
    }

    /** The {@code url-list} web seeds (BEP 19). */
    public List<URI> webSeeds() {
        return webSeeds;
    }

    /**
     * This torrent with {@code more} web seeds after its own in {@code url-list} (a seed it already
     * lists is not added twice). {@code url-list} sits outside the info dict, and the dict is written
     * back byte for byte: the info-hashes and BEP 35 signatures stay what they were.
     */
    public Torrent withMoreWebSeeds(List<URI> more) {
        Set<URI> all = new LinkedHashSet<>(webSeeds);
        all.addAll(more);
        if (all.size() == webSeeds.size()) {
            return this;
        }
        return withRootOutsideInfo(root.with("url-list", MetainfoWriter.urls(List.copyOf(all))), "adding web seeds");
    }

    /** This torrent with {@code changed} as its root, whose info dict must be this one's, byte for byte. */
    private Torrent withRootOutsideInfo(BDict changed, String change) {
        Torrent torrent = fromOwnBytes(BencodeEncoder.encode(changed));
        if (!torrent.infoHash().equals(infoHash)) {
            throw new IllegalStateException(change + " changed the info-hash");
        }
        return torrent;
    }

    /**
     * This torrent with {@code more} announce URLs after its own in the first {@code announce-list}
     * tier (BEP 12: a client tries a tier's trackers until one answers, so every node of a tracker
     * cluster serves as another's fallback). A URL it already lists is not added twice; like
     * {@link #withMoreWebSeeds}, the info dict and so the info-hashes and signatures stay as they were.
     */
    public Torrent withMoreTrackers(List<URI> more) {
        if (trackers.containsAll(more)) {
            return this;
        }
        Set<URI> first = new LinkedHashSet<>(firstTier());
        first.addAll(more);
        List<BValue> tiers = new ArrayList<>();
        tiers.add(MetainfoWriter.urls(List.copyOf(first)));
        root.get("announce-list").filter(BList.class::isInstance).map(list -> ((BList) list).values())
                .ifPresent(old -> tiers.addAll(old.subList(Math.min(1, old.size()), old.size())));
        BDict changedRoot = root.with("announce-list", BList.of(tiers));
        if (changedRoot.get("announce").isEmpty()) {
            changedRoot = changedRoot.with("announce", BString.of(first.iterator().next().toString()));
        }
        return withRootOutsideInfo(changedRoot, "adding trackers");
    }

    /** The first announce-list tier as written, or {@code announce} alone when there is no list. */
    private List<URI> firstTier() {
        Optional<BValue> list = root.get("announce-list");
        if (list.isPresent() && list.get() instanceof BList tiers && !tiers.values().isEmpty()
                && tiers.values().getFirst() instanceof BList tier) {
            return tier.values().stream().map(url -> URI.create(((BString) url).text())).toList();
        }
        return trackers.isEmpty() ? List.of() : List.of(trackers.getFirst());
    }

    public MagnetLink magnetLink() {
        return MagnetLink.of(this);
    }

    BDict root() {
        return root;
    }

    /** The exact bytes of the info dict as they stand in the file. */
    byte[] infoBytes() {
        return infoBytes.clone();
    }

    @Override
    public String toString() {
        return "Torrent[" + name + ", " + infoHash + (infoHashV2 == null ? "" : ", " + infoHashV2) + "]";
    }
}
