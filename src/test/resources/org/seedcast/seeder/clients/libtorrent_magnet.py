"""Fans with Debian's python3-libtorrent (2.0) who have nothing but an episode's magnet link. Every
session listens on a loopback address of its own, with no DHT, LSD, UPnP or uTP, so the peers it can
find are the ones the magnet names (x.pe) and the trackers it lists (tr) hand out. Bounded in time.

usage:
  libtorrent_magnet.py fetch MAGNET DIR SECONDS
      one fan on 127.0.0.20 downloads into DIR; prints one JSON line: completed, has_metadata, the
      peers that sent it piece data (ip:port -> bytes), hash failures, and for a hybrid how many of
      the file's blocks it verified against v2 hashes, which it can only have fetched from peers
      with BEP 52 hash requests (a magnet carries no piece layers)
  libtorrent_magnet.py swarm MAGNET DIR COUNT SEED_PORT SECONDS
      COUNT fans on 127.0.0.21 and up at once; prints one JSON line: completed, and per fan the
      payload it received in all and from the seed (the peer on 127.0.0.1:SEED_PORT), and the
      seconds (since the script started) by which it was seen to have the metadata, to know a peer
      other than the seed, and to have finished
"""
import json
import os
import sys
import time

import libtorrent as lt


def session(address):
    return lt.session({
        "listen_interfaces": address + ":0", "outgoing_interfaces": address,
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_incoming_utp": False, "enable_outgoing_utp": False,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification
        | lt.alert.category_t.tracker_notification,
        # a fan's last announce (its download's total) goes out as the session ends; libtorrent waits 1 s for it
        # by default, which a busy machine's tracker can miss (a UDP announce needs a connect round trip first)
        "stop_tracker_timeout": 15,
        # libtorrent keeps UDP tracker connection ids in a cache shared by every session of the process, keyed by
        # the tracker alone; a fan on another address would announce with an id the tracker issued to the first
        # fan's address, which the tracker rightly drops (BEP 15), and that fan then waits out the UDP timeout
        # before it tries HTTP and learns of the other fans. 0 makes each fan connect for itself, as fans on
        # machines of their own do.
        "udp_tracker_token_expiry": 0,
        # the downloaded figure in announces counts every payload byte, end-game duplicates included, as the
        # per-peer counters the swarm's report is made of do; by default libtorrent leaves redundant bytes out
        # and can announce less than the episode after completing it
        "report_true_downloaded": True,
        # a fan queues requests to a peer for this long at its rate (3 s by default); at a rate-capped seed a
        # shorter queue lets fans pick, from the pieces only the seed has, fewer that another fan is already
        # taking from it
        "request_queue_time": 1,
    })


def add_magnet(fan, magnet, save_path):
    params = lt.parse_magnet_uri(magnet)
    params.save_path = save_path
    params.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    return fan.add_torrent(params)


def resume_data(fan, handle, seconds):
    handle.save_resume_data(lt.torrent_handle.save_info_dict)
    deadline = time.time() + seconds
    while time.time() < deadline:
        fan.wait_for_alert(200)
        for alert in fan.pop_alerts():
            if isinstance(alert, lt.save_resume_data_alert):
                return lt.write_resume_data(alert.params)
    return {}


def v2_blocks(data):
    """The file's 16 KiB blocks, and how many of them libtorrent verified against the v2 Merkle tree
    (its resume data's "verified" bitfield): a block is verified once its hash is checked against a
    piece-layer hash that was itself checked against the pieces root. None for a v1 torrent."""
    trees = data.get(b"trees") or []
    if not trees:
        return None, None
    verified = trees[0].get(b"verified", b"")
    if isinstance(verified, bytes):
        verified = verified.decode("ascii")
    return len(verified), verified.count("1")


def fetch(magnet, directory, seconds):
    fan = session("127.0.0.20")
    handle = add_magnet(fan, magnet, directory)
    start = time.time()
    senders = {}
    errors = []
    while time.time() - start < seconds and not handle.status().is_seeding:
        fan.wait_for_alert(100)
        for alert in fan.pop_alerts():
            if alert.category() & lt.alert.category_t.error_notification:
                errors.append(type(alert).__name__ + ": " + alert.message())
        for peer in handle.get_peer_info():
            key = "%s:%d" % peer.ip
            senders[key] = max(senders.get(key, 0), peer.total_download)
    status = handle.status()
    blocks, verified = v2_blocks(resume_data(fan, handle, 10) if status.has_metadata else {})
    print(json.dumps({"completed": status.is_seeding, "has_metadata": status.has_metadata,
                      "seconds": round(time.time() - start, 1), "progress": status.progress,
                      "received": status.total_payload_download, "hash_failures": status.total_failed_bytes,
                      "senders": senders, "v2_blocks": blocks, "v2_verified_blocks": verified,
                      "errors": errors[-10:]}), flush=True)


def swarm(magnet, directory, count, seed_port, seconds):
    start = time.time()
    fans, handles = [], []
    for index in range(count):
        fan = session("127.0.0.%d" % (21 + index))
        save = os.path.join(directory, "fan-%d" % index)
        os.makedirs(save, exist_ok=True)
        fans.append(fan)
        handles.append(add_magnet(fan, magnet, save))
    # a connection's total restarts at zero when it is made again, so totals are summed per connection
    from_seed = [0] * count
    last_seed_total = [0] * count
    done = [False] * count
    # a fan's completing announce carries its whole download: the tracker has it once it has answered one after the
    # fan finished, and only then is the fan done (an exiting session's last announces may not get out on a busy machine)
    finished = [False] * count
    answered = [False] * count
    # when each fan had the metadata, first had a peer other than the seed, and finished: where a slow swarm waited
    phases = {"metadata_s": [None] * count, "other_fan_s": [None] * count, "finished_s": [None] * count}

    def reached(phase, index):
        if phases[phase][index] is None:
            phases[phase][index] = round(time.time() - start, 1)

    while time.time() - start < seconds and not all(done):
        fans[0].wait_for_alert(100)
        for index, (fan, handle) in enumerate(zip(fans, handles)):
            for alert in fan.pop_alerts():
                if isinstance(alert, lt.metadata_received_alert):
                    reached("metadata_s", index)
                elif isinstance(alert, lt.torrent_finished_alert):
                    reached("finished_s", index)
                    finished[index] = True
                elif finished[index] and isinstance(alert, lt.tracker_reply_alert):
                    answered[index] = True
            if done[index]:
                continue
            seed_total = None
            for peer in handle.get_peer_info():
                if peer.ip == ("127.0.0.1", seed_port):
                    seed_total = peer.total_download
                else:
                    reached("other_fan_s", index)
            if seed_total is not None:
                if seed_total < last_seed_total[index]:
                    from_seed[index] += last_seed_total[index]
                last_seed_total[index] = seed_total
            done[index] = handle.status().is_seeding and answered[index]
    totals = [handle.status().total_payload_download for handle in handles]
    print(json.dumps({"completed": all(done), "seconds": round(time.time() - start, 1),
                      "received": totals, "from_seed": [a + b for a, b in zip(from_seed, last_seed_total)],
                      "hash_failures": [h.status().total_failed_bytes for h in handles], **phases}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "fetch":
        fetch(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif sys.argv[1] == "swarm":
        swarm(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]))
    else:
        sys.exit(__doc__)
