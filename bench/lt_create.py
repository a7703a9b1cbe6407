"""libtorrent's creator, the anchor for bench/torrent-hashing.sh.
Usage: lt_create.py FILE OUT.torrent PIECE_LENGTH v1|hybrid"""
import os
import sys

import libtorrent as lt

path, out, piece_length, kind = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = lt.file_storage()
lt.add_files(files, path)
flags = lt.create_torrent.v1_only if kind == "v1" else 0
creator = lt.create_torrent(files, piece_length, flags=flags)
creator.add_tracker("http://t.example/announce")
lt.set_piece_hashes(creator, os.path.dirname(os.path.abspath(path)))
with open(out, "wb") as f:
    f.write(lt.bencode(creator.generate()))
