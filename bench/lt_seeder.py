"""libtorrent (Debian's python3-libtorrent, run with /usr/bin/python3) for bench/seeder.sh: the anchor
seed, and the leechers that download from a seed. Loopback only, no DHT, LSD, PEX, tracker or web
seed: every byte a leecher gets comes from the one seed it is told about.

usage:
  lt_seeder.py strip IN.torrent OUT.torrent
      writes OUT without trackers and web seeds (url-list, httpseeds); the info dict, and so the
      info-hash, is unchanged
  lt_seeder.py seed TORRENT DIR PORT SECONDS [PROFILE]
      seeds TORRENT from DIR on 127.0.0.1:PORT; checks the file first, then prints "ready" and seeds
      for at most SECONDS (or until killed). PROFILE: default (a user's libtorrent) or
      high_performance (libtorrent's high_performance_seed() preset)
  lt_seeder.py leech TORRENT 127.0.0.1:PORT N DIR SECONDS [MARK_FILE]
      N sessions, each downloading TORRENT from that peer alone into DIR/leecher-I; writes MARK_FILE
      once the leechers are a third of the way through (for a memory sample while connections are
      busy); prints one JSON line: completed, seconds, bytes, per-leecher seconds
"""
import json
import os
import sys
import time

import libtorrent as lt

BASE = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    "enable_incoming_utp": False, "enable_outgoing_utp": False,
    "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
}


def strip(source, target):
    meta = lt.bdecode(open(source, "rb").read())
    for key in (b"announce", b"announce-list", b"url-list", b"httpseeds"):
        meta.pop(key, None)
    with open(target, "wb") as out:
        out.write(lt.bencode(meta))


def add(session, torrent, save_path, extra_flags=0):
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save_path
    params.flags |= lt.torrent_flags.disable_pex | extra_flags
    params.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    return session.add_torrent(params)


def seed(torrent, directory, port, seconds, profile):
    settings = dict(BASE)
    if profile == "high_performance":
        settings = lt.high_performance_seed()
        settings.update(BASE)
    settings["listen_interfaces"] = "127.0.0.1:%d" % port
    session = lt.session(settings)
    handle = add(session, torrent, directory)
    deadline = time.time() + seconds
    while time.time() < deadline and not handle.status().is_seeding:
        session.wait_for_alert(200)
        session.pop_alerts()
    if not handle.status().is_seeding:
        sys.exit("the anchor seed did not become a seed: " + str(handle.status().state))
    print("ready", flush=True)
    while time.time() < deadline:
        session.wait_for_alert(1000)
        session.pop_alerts()


def leech(torrent, peer, count, directory, seconds, mark):
    host, port = peer.rsplit(":", 1)
    start = time.time()
    sessions, handles = [], []
    for index in range(count):
        settings = dict(BASE)
        settings["listen_interfaces"] = "127.0.0.%d:0" % (10 + index)  # a fan per address, as on the Internet
        settings["outgoing_interfaces"] = "127.0.0.%d" % (10 + index)
        session = lt.session(settings)
        save = os.path.join(directory, "leecher-%d" % index)
        os.makedirs(save, exist_ok=True)
        handle = add(session, torrent, save)
        handle.connect_peer((host, int(port)))
        sessions.append(session)
        handles.append(handle)
    size = handles[0].torrent_file().total_size()
    finished = [None] * count
    marked = mark is None
    while time.time() - start < seconds and None in finished:
        sessions[0].wait_for_alert(100)
        done = 0
        for index, (session, handle) in enumerate(zip(sessions, handles)):
            session.pop_alerts()
            status = handle.status()
            done += status.total_wanted_done
            if finished[index] is None and status.is_seeding:
                finished[index] = time.time() - start
            elif finished[index] is None and status.num_peers == 0:
                handle.connect_peer((host, int(port)))  # the seed let us go or refused: ask again
        if not marked and done * 3 >= size * count:
            open(mark, "w").close()
            marked = True
    elapsed = time.time() - start
    received = sum(h.status().total_payload_download for h in handles)
    print(json.dumps({"leechers": count, "completed": None not in finished, "seconds": round(elapsed, 3),
                      "bytes": size * count, "payload_received": received,
                      "per_leecher_seconds": [None if f is None else round(f, 3) for f in finished]}), flush=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "strip":
        strip(sys.argv[2], sys.argv[3])
    elif command == "seed":
        seed(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]),
             sys.argv[6] if len(sys.argv) > 6 else "default")
    elif command == "leech":
        leech(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], float(sys.argv[6]),
              sys.argv[7] if len(sys.argv) > 7 else None)
    else:
        sys.exit(__doc__)
