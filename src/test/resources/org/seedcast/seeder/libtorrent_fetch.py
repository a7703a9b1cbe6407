"""One libtorrent session that fetches a torrent from a single peer named on the command line, with
nothing else to go by: a magnet of the info-hash alone (no tracker, no web seed, no DHT, LSD or PEX),
so the metadata (BEP 9) and every piece come from that peer.

usage (Debian's python3-libtorrent):
  libtorrent_fetch.py MAGNET HOST PORT SAVE_DIR [TIMEOUT_S [LOG_FILE]]
writes every peer log line to LOG_FILE when given, and prints one JSON line: {"completed", "has_metadata", "progress", "name", "seconds", "log"}
"""
import json
import sys
import time

import libtorrent as lt

SETTINGS = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    # the seed speaks TCP only (uTP is not required of it); a peer named by hand is tried over uTP first
    "enable_outgoing_utp": False, "enable_incoming_utp": False,
    "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification
                  | lt.alert.category_t.peer_notification,
}


def main(magnet, host, port, save_dir, timeout, log_file):
    settings = dict(SETTINGS)
    if log_file:
        settings["alert_mask"] = lt.alert.category_t.all_categories
    trace = open(log_file, "w") if log_file else None
    session = lt.session(settings)
    params = lt.parse_magnet_uri(magnet)
    params.save_path = save_dir
    params.trackers = []
    params.url_seeds = []
    handle = session.add_torrent(params)
    handle.connect_peer((host, port))
    log = []
    start = time.time()
    completed = False
    last_connect = start
    while time.time() - start < timeout:
        session.wait_for_alert(200)
        for alert in session.pop_alerts():
            if trace and isinstance(alert, (lt.peer_log_alert, lt.peer_alert, lt.torrent_log_alert)):
                trace.write(type(alert).__name__ + ": " + alert.message() + "\n")
            if isinstance(alert, (lt.peer_disconnected_alert, lt.peer_error_alert, lt.torrent_error_alert,
                                  lt.metadata_received_alert, lt.torrent_finished_alert, lt.hash_failed_alert)):
                log.append(type(alert).__name__ + ": " + alert.message())
        status = handle.status()
        if status.is_seeding:
            completed = True
            break
        if status.num_peers == 0 and time.time() - last_connect > 2:
            handle.connect_peer((host, port))  # the only source: ask again after a refusal
            last_connect = time.time()
    status = handle.status()
    print(json.dumps({"completed": completed, "has_metadata": status.has_metadata, "progress": status.progress,
                      "name": status.name, "seconds": round(time.time() - start, 1), "log": log[-20:]}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5]) if len(sys.argv) > 5 else 60,
         sys.argv[6] if len(sys.argv) > 6 else None)
