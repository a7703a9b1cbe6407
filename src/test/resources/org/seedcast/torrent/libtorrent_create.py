"""Creates a hybrid torrent with libtorrent and prints its v1 and v2 info-hashes.
Usage: libtorrent_create.py FILE OUT.torrent PIECE_LENGTH"""
import sys

import libtorrent as lt

files = lt.file_storage()
lt.add_files(files, sys.argv[1])
creator = lt.create_torrent(files, int(sys.argv[3]))
lt.set_piece_hashes(creator, lt.parent_path(sys.argv[1]) if hasattr(lt, "parent_path") else
                    sys.argv[1].rsplit("/", 1)[0])
data = lt.bencode(creator.generate())
with open(sys.argv[2], "wb") as out:
    out.write(data)
hashes = lt.torrent_info(sys.argv[2]).info_hashes()
print("v1", hashes.v1)
print("v2", hashes.v2)
