"""Prints a torrent's v1 and v2 info-hashes as libtorrent sees them, then checks the file against
every piece hash (v1 SHA-1 and v2 merkle) and prints the progress: 1.0 means all pieces verified.
Usage: libtorrent_check.py FILE.torrent SAVE_DIR"""
import sys
import time

import libtorrent as lt

info = lt.torrent_info(sys.argv[1])
hashes = info.info_hashes()
print("v1", hashes.v1)
print("v2", hashes.v2 if hashes.has_v2() else "none")

session = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                      "enable_upnp": False, "enable_natpmp": False})
params = lt.add_torrent_params()
params.ti = info
params.save_path = sys.argv[2]
handle = session.add_torrent(params)
deadline = time.time() + 60
status = handle.status()
while time.time() < deadline:
    status = handle.status()
    if status.errc.value() != 0:
        print("error", status.errc.message())
        break
    if status.state in (lt.torrent_status.seeding, lt.torrent_status.finished,
                        lt.torrent_status.downloading) and status.progress >= 0 and \
            status.state != lt.torrent_status.checking_files:
        break
    time.sleep(0.1)
print("progress", status.progress)
