"""Two libtorrent sessions in one process, a seeder and a leecher, that find each other through one
tracker URL only (no DHT, LSD, PEX or web seed). libtorrent keeps UDP connection ids in a cache
shared by every session of the process and reuses them from another local port, as a client that
runs several sessions does.

usage (Debian's python3-libtorrent):
  libtorrent_pair.py create WORK_DIR                  writes WORK_DIR/seeder/episode.bin and
                                                      WORK_DIR/episode.torrent, prints the info-hash
  libtorrent_pair.py pair URL WORK_DIR [TIMEOUT_S]    the seeder, then the leecher, announce to URL;
                                                      prints one JSON line: {"url", "completed", ...}
"""
import json
import os
import sys
import time

import libtorrent as lt

SETTINGS = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification
                  | lt.alert.category_t.status_notification,
}


def create(work):
    seed_dir = os.path.join(work, "seeder")
    os.makedirs(seed_dir, exist_ok=True)
    content = os.path.join(seed_dir, "episode.bin")
    with open(content, "wb") as out:
        out.write(os.urandom(512 * 1024 + 77))
    files = lt.file_storage()
    lt.add_files(files, content)
    creator = lt.create_torrent(files, 16 * 1024, flags=lt.create_torrent.v1_only)
    lt.set_piece_hashes(creator, seed_dir)
    with open(os.path.join(work, "episode.torrent"), "wb") as out:
        out.write(lt.bencode(creator.generate()))
    print(lt.torrent_info(os.path.join(work, "episode.torrent")).info_hashes().v1, flush=True)


def load_torrent(url, work):
    info = lt.torrent_info(os.path.join(work, "episode.torrent"))
    info.add_tracker(url)  # the only tracker, and no url-list: the leecher gets the bytes from the seeder alone
    return info


def add(session, info, save_path):
    params = lt.add_torrent_params()
    params.ti = info
    params.save_path = save_path
    return session.add_torrent(params)


def drain(session, log):
    for alert in session.pop_alerts():
        if isinstance(alert, (lt.tracker_reply_alert, lt.tracker_error_alert, lt.tracker_warning_alert,
                              lt.torrent_finished_alert)):
            log.append(type(alert).__name__ + ": " + alert.message())


def pair(url, work, timeout):
    seed_dir = os.path.join(work, "seeder")
    leech_dir = os.path.join(work, "leecher-" + url.split(":")[0])
    os.makedirs(leech_dir, exist_ok=True)
    info = load_torrent(url, work)
    log = []
    start = time.time()
    seeder_session = lt.session(SETTINGS)
    seeder = add(seeder_session, info, seed_dir)
    # the seeder's announce first, so that the connection id is in the process's cache
    while time.time() - start < timeout and not any("tracker_reply_alert" in line for line in log):
        seeder_session.wait_for_alert(200)
        drain(seeder_session, log)
    leecher_session = lt.session(SETTINGS)
    leecher = add(leecher_session, info, leech_dir)
    completed = False
    while time.time() - start < timeout:
        leecher_session.wait_for_alert(200)
        drain(leecher_session, log)
        drain(seeder_session, log)
        if leecher.status().is_seeding:
            completed = True
            break
    print(json.dumps({"url": url, "completed": completed, "seconds": round(time.time() - start, 1),
                      "progress": leecher.status().progress, "seeder_state": str(seeder.status().state),
                      "log": log}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2])
    else:
        pair(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 60)
