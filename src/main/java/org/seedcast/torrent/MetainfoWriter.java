package org.seedcast.torrent;

import java.net.URI;
import java.util.List;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BList;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;

/**
 * Lays out a single-file torrent: the info dict of BEP 3 ({@code length}, {@code name},
 * {@code piece length}, {@code pieces}), for a hybrid also BEP 52's {@code file tree} and
 * {@code meta version}, and outside it {@code announce}, {@code announce-list} (BEP 12),
 * {@code url-list} (BEP 19), {@code piece layers} and the descriptive keys. A single file needs no
 * BEP 47 pad files.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
final class MetainfoWriter {

    private MetainfoWriter() {
    }

    static BDict torrent(TorrentSpec spec, PieceHashes hashes) {
        BDict.Builder root = BDict.builder().put("info", info(spec.name(), hashes));
        if (!spec.trackers().isEmpty()) {
            root.put("announce", spec.trackers().getFirst().toString());
            root.put("announce-list", BList.of(urls(spec.trackers())));
        }
        if (!spec.webSeeds().isEmpty()) {
            root.put("url-list", urls(spec.webSeeds()));
        }
        if (spec.comment() != null) {
            root.put("comment", spec.comment());
        }
        if (spec.createdBy() != null) {
            root.put("created by", spec.createdBy());
        }
        if (spec.creationDate() != null) {
            root.put("creation date", spec.creationDate().getEpochSecond());
        }
        hashes.pieceLayer().ifPresent(layer -> root.put("piece layers", BDict.builder()
                .put(BString.of(hashes.piecesRoot().orElseThrow()), BString.of(layer)).build()));
        return root.build();
    }

    private static BDict info(String name, PieceHashes hashes) {
        BDict.Builder info = BDict.builder()
                .put("length", hashes.fileLength())
                .put("name", name)
                .put("piece length", hashes.pieceLength())
                .put("pieces", BString.of(hashes.pieces()));
        if (hashes.format() == TorrentFormat.HYBRID) {
            BDict file = BDict.builder()
                    .put("length", hashes.fileLength())
                    .put("pieces root", BString.of(hashes.piecesRoot().orElseThrow()))
                    .build();
            info.put("file tree", BDict.builder()
                    .put(name, BDict.builder().put("", file).build()).build());
            info.put("meta version", BInteger.of(2));
        }
        return info.build();
    }

    static BList urls(List<URI> urls) {
        List<BValue> strings = urls.stream().<BValue>map(url -> BString.of(url.toString())).toList();
        return BList.of(strings);
    }
}
