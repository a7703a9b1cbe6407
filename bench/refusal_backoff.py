#!/usr/bin/python3
"""How long a real client (libtorrent, the engine of qBittorrent and Deluge) waits before announcing
again after a tracker refuses a foreign torrent. Prints one JSON line per tracker URL:
{"url": ..., "next_announce_s": ..., "message": ...}.

usage: refusal_backoff.py URL [URL...]   (each URL is tried in its own torrent, one at a time)
Needs Debian's python3-libtorrent (run with /usr/bin/python3).
"""
import json
import os
import sys
import tempfile
import time

import libtorrent as lt


def measure(url, timeout=20):
    session = lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification,
        # the first announce goes out on the session's next tick (500 ms by default), not at once
        "tick_interval": 50,
        # the figure is read before the session ends: its "stopped" announce need not be waited for (5 s by default)
        "stop_tracker_timeout": 0,
    })
    params = lt.add_torrent_params()
    params.info_hashes = lt.info_hash_t(lt.sha1_hash(os.urandom(20)))  # a foreign torrent
    params.save_path = tempfile.mkdtemp(prefix="seedcast-refusal-")
    params.trackers = [url]
    handle = session.add_torrent(params)
    deadline = time.time() + timeout
    message = None
    while time.time() < deadline:
        session.wait_for_alert(500)
        for alert in session.pop_alerts():
            if isinstance(alert, (lt.tracker_error_alert, lt.tracker_reply_alert, lt.tracker_warning_alert)):
                message = alert.message()
        if message is not None:
            break
    result = {"url": url, "next_announce_s": None, "message": message}
    ih = announced(handle)
    while message is not None and ih is None and time.time() < deadline:  # the reply is not recorded yet
        time.sleep(0.02)
        ih = announced(handle)
    if ih is not None:
        next_announce = ih.get("next_announce")
        # the binding gives a wall-clock time in seconds since the epoch
        seconds = next_announce.timestamp() if hasattr(next_announce, "timestamp") else next_announce
        result["next_announce_s"] = round(seconds - time.time())
        result["fails"] = ih.get("fails")
        result["last_error"] = str(ih.get("last_error", {}).get("value", "")) if isinstance(ih.get("last_error"), dict) else str(ih.get("last_error"))
    session.remove_torrent(handle)
    return result


def announced(handle):
    """The first endpoint's announce state once its last announce is answered; None while one is under way."""
    for entry in handle.trackers():
        for endpoint in entry.get("endpoints", []):
            for ih in endpoint.get("info_hashes", []):
                if ih.get("next_announce") is not None:
                    return None if ih.get("updating") else ih
    return None


if __name__ == "__main__":
    for u in sys.argv[1:]:
        print(json.dumps(measure(u)), flush=True)
