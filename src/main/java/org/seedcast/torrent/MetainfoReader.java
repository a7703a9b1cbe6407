package org.seedcast.torrent;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BList;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeException;

/**
 * Reads the parts of a .torrent that Seedcast uses, from strict bencode only, and hashes the
 * info dict's exact bytes: SHA-1 for v1 (BEP 3), SHA-256 when it has {@code meta version} 2
 * (BEP 52). Every failure is an {@link InvalidTorrentException} naming the problem.
 */
final class MetainfoReader {

    private static final BencodeDecoder DECODER = BencodeDecoder.strict();

    private MetainfoReader() {
    }

    static Torrent read(byte[] bytes) throws InvalidTorrentException {
        return read(bytes, DECODER);
    }

    static Torrent read(byte[] bytes, BencodeDecoder decoder) throws InvalidTorrentException {
        BDict root = decode(bytes, decoder);
        BDict info = required(root, "info", BDict.class, "");
        byte[] infoBytes = info.span().orElseThrow().copyFrom(bytes);
        boolean v1 = info.get("pieces").isPresent();
        boolean v2 = optional(info, "meta version", BInteger.class, "info.")
                .filter(version -> version.value() == 2).isPresent();
        if (!v1) {
            throw new InvalidTorrentException("not a v1 or hybrid torrent: info has no pieces");
        }
        checkPieces(info, v2);
        String name = required(info, "name", BString.class, "info.").text();
        return new Torrent(bytes, root, infoBytes, InfoHash.of(digest("SHA-1", infoBytes)),
                v2 ? InfoHashV2.of(digest("SHA-256", infoBytes)) : null,
                name, length(info), trackers(root), webSeeds(root));
    }

    private static BDict decode(byte[] bytes, BencodeDecoder decoder) throws InvalidTorrentException {
        try {
            if (decoder.decode(bytes) instanceof BDict root) {
                return root;
            }
            throw new InvalidTorrentException("not a torrent: the file is not a bencoded dictionary");
        } catch (BencodeException e) {
            throw new InvalidTorrentException("not a valid torrent: " + e.getMessage(), e);
        }
    }

    private static void checkPieces(BDict info, boolean v2) throws InvalidTorrentException {
        long pieceLength = required(info, "piece length", BInteger.class, "info.").value();
        if (pieceLength <= 0) {
            throw new InvalidTorrentException("info.piece length must be positive");
        }
        if (required(info, "pieces", BString.class, "info.").length() % 20 != 0) {
            throw new InvalidTorrentException("info.pieces is not a whole number of SHA-1 hashes");
        }
        if (v2) {
            required(info, "file tree", BDict.class, "info.");
        }
    }

    private static long length(BDict info) throws InvalidTorrentException {
        Optional<BInteger> single = optional(info, "length", BInteger.class, "info.");
        if (single.isPresent()) {
            return nonNegative(single.get().value(), "info.length");
        }
        long total = 0;
        for (BValue file : required(info, "files", BList.class, "info.").values()) {
            if (!(file instanceof BDict dict)) {
                throw new InvalidTorrentException("info.files holds something other than a dictionary");
            }
            total += nonNegative(required(dict, "length", BInteger.class, "info.files[].").value(),
                    "info.files[].length");
        }
        return total;
    }

    private static long nonNegative(long value, String key) throws InvalidTorrentException {
        if (value < 0) {
            throw new InvalidTorrentException(key + " is negative");
        }
        return value;
    }

    private static List<URI> trackers(BDict root) throws InvalidTorrentException {
        Set<URI> urls = new LinkedHashSet<>();
        for (BString url : optional(root, "announce", BString.class, "").stream().toList()) {
            urls.add(uri(url, "announce"));
        }
        for (BValue tier : optional(root, "announce-list", BList.class, "").map(BList::values).orElse(List.of())) {
            if (!(tier instanceof BList list)) {
                throw new InvalidTorrentException("announce-list holds something other than a list");
            }
            for (BValue url : list.values()) {
                urls.add(uri(url, "announce-list"));
            }
        }
        return new ArrayList<>(urls);
    }

    private static List<URI> webSeeds(BDict root) throws InvalidTorrentException {
        Optional<BValue> urlList = root.get("url-list");
        if (urlList.isEmpty()) {
            return List.of();
        }
        if (urlList.get() instanceof BString single) {
            return List.of(uri(single, "url-list"));
        }
        List<URI> urls = new ArrayList<>();
        for (BValue url : optional(root, "url-list", BList.class, "").orElseThrow().values()) {
            urls.add(uri(url, "url-list"));
        }
        return urls;
    }

    private static URI uri(BValue value, String key) throws InvalidTorrentException {
        if (!(value instanceof BString string)) {
            throw new InvalidTorrentException(key + " holds something other than a URL");
        }
        try {
            return new URI(string.text());
        } catch (URISyntaxException e) {
            throw new InvalidTorrentException(key + " holds an invalid URL: " + e.getMessage());
        }
    }

    static <T extends BValue> T required(BDict dict, String key, Class<T> type, String path)
            throws InvalidTorrentException {
        return optional(dict, key, type, path)
                .orElseThrow(() -> new InvalidTorrentException(path + key + " is missing"));
    }

    static <T extends BValue> Optional<T> optional(BDict dict, String key, Class<T> type, String path)
            throws InvalidTorrentException {
        Optional<BValue> value = dict.get(key);
        if (value.isPresent() && !type.isInstance(value.get())) {
            throw new InvalidTorrentException(path + key + " must be " + kind(type));
        }
        return value.map(type::cast);
    }

    private static String kind(Class<?> type) {
        return type == BDict.class ? "a dictionary" : type == BList.class ? "a list"
                : type == BInteger.class ? "an integer" : "a byte string";
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        MessageDigest digest = algorithm.equals("SHA-1") ? MerkleTree.sha1() : MerkleTree.sha256();
        return digest.digest(bytes);
    }
}
