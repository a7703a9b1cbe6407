#!/usr/bin/env python3
"""The checks of `bench/cluster.sh topology` that need real clients (Debian's python3-libtorrent and
the standard library). Each prints one JSON line.

  swarm TORRENT MEDIA T1 T2 SEED_PORT T1_PID WORK INTERVAL LEGIT_COMMAND PEERS
      (a) libtorrent peer X announces to tracker node T1 only, peer Y to T2 only, from a torrent
          without its url-list (no web seed): Y must find X and complete; bytes counted per source.
      (c) then a libtorrent client Z with T1 and T2 in one tier (BEP 12) and the legitimate swarm
          (LEGIT_COMMAND, "java bench/LegitSwarm.java": PEERS peers announcing every INTERVAL
          seconds, the tracker's, half to each node, over UDP and HTTP, with both nodes in one
          tier) announce; after a calm interval the swarm kills T1 (T1_PID) with SIGKILL and goes
          on for an interval: its failures (no node of the tier answered), failovers, p50/p99
          before and after, and when T2 listed every peer T1 had answered last; for Z, how long
          until T2 answered it, and when T2 listed X, who announced to T1 only.
  counts T1 T2 HASH WEB_NODES AUTH
      (f) 3 peers announce to T1 and 3 to T2; each web node (a cluster member that answers no
          announces) is asked for the swarm over the admin API until it counts all 6: how long that
          took per node. The peers then stop.
  tracks T HASH          exits 0 once tracker T answers announces of HASH (the publication reached it)
  web LB NODE_PIDS AUTH WORK
      (d) a tus upload through the load balancer; the node that received it is killed (SIGKILL)
          half-way; the rest goes through the load balancer to the other node, if it knows the upload.
      (e) while that node is down, pages and feeds through the load balancer: answers and failures;
          and an admin who signed in through the load balancer before the kill: still signed in.
T1, T2: host:port of the trackers (UDP). NODE_PIDS: "addr=pid,addr=pid" of the web nodes.
"""
import base64
import http.client
import json
import os
import socket
import struct
import subprocess
import sys
import time

PROTOCOL_ID = 0x41727101980


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# ---- probes ------------------------------------------------------------------------------------

def announce_query(info_hash, peer_id, port, **more):
    """The query string of an HTTP announce of a leecher that has downloaded nothing yet."""
    import urllib.parse
    return urllib.parse.urlencode({"info_hash": info_hash, "peer_id": peer_id, "port": port, "uploaded": 0,
                                   "downloaded": 0, "left": 1000, "compact": 1, **more})


def listed_by(tracker, info_hash, numwant=2000):
    """The peers tracker ("host:port") lists for info_hash, over HTTP (a UDP answer holds 200 at
    most), to a probe that asks for numwant; None when it does not answer."""
    import urllib.request
    query = announce_query(info_hash, b"-BENCH0-000000000002", 41002, numwant=numwant)
    try:
        with urllib.request.urlopen(f"http://{tracker}/announce?{query}", timeout=2) as answer:
            body = answer.read()
    except OSError:
        return None
    at = body.find(b"5:peers")
    if at < 0:
        return None
    colon = body.index(b":", at + 7)
    compact = body[colon + 1:colon + 1 + int(body[at + 7:colon])]
    return {(socket.inet_ntoa(compact[o:o + 4]), struct.unpack(">H", compact[o + 4:o + 6])[0])
            for o in range(0, len(compact) - 5, 6)}


def endpoint(text):
    host, port = text.rsplit(":", 1)
    return host, int(port)


# ---- libtorrent ------------------------------------------------------------------------------

def lt_session(lt):
    return lt.session({
        "listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False, "enable_upnp": False,
        "enable_natpmp": False, "allow_multiple_connections_per_ip": True,
        "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification
                      | lt.alert.category_t.status_notification})


def lt_torrent(lt, torrent_bytes, trackers=None):
    """The published torrent without its url-list and, when `trackers` are given, with those alone in
    one tier instead of its own: the info dict, so the info-hash, is unchanged."""
    meta = lt.bdecode(torrent_bytes)
    for key in (b"url-list",) + ((b"announce", b"announce-list") if trackers is not None else ()):
        meta.pop(key, None)
    info = lt.torrent_info(meta)
    for url in trackers or ():
        info.add_tracker(url, 0)
    return info


def lt_add(lt, session, info, save_path):
    params = lt.add_torrent_params()
    params.ti = info
    params.save_path = save_path
    return session.add_torrent(params)


def replies(session, lt):
    return [a for a in session.pop_alerts() if isinstance(a, lt.tracker_reply_alert)]


def swarm(torrent_path, media_path, t1, t2, seed_port, t1_pid, work, interval, legit_command, legit_peers=1000):
    import libtorrent as lt
    torrent = open(torrent_path, "rb").read()
    result = {}
    # (a) X seeds the media and announces to T1 only; Y starts empty and announces to T2 only
    x_info = lt_torrent(lt, torrent, [f"udp://{t1}/announce"])
    x_dir = os.path.join(work, "peer-x")
    os.makedirs(os.path.dirname(os.path.join(x_dir, x_info.files().file_path(0))), exist_ok=True)
    os.link(media_path, os.path.join(x_dir, x_info.files().file_path(0)))
    x_session = lt_session(lt)
    x = lt_add(lt, x_session, x_info, x_dir)
    deadline = time.time() + 60
    while time.time() < deadline and not (x.status().is_seeding and replies(x_session, lt)):
        x_session.wait_for_alert(200)
    x_port = x_session.listen_port()
    y_session = lt_session(lt)
    started = time.time()
    y = lt_add(lt, y_session, lt_torrent(lt, torrent, [f"udp://{t2}/announce"]), os.path.join(work, "peer-y"))
    from_seed, peers_seen = {}, set()
    while time.time() - started < 120 and not y.status().is_seeding:
        y_session.wait_for_alert(50)
        y_session.pop_alerts()
        x_session.pop_alerts()
        for p in y.get_peer_info():
            peers_seen.add(p.ip)
            if p.ip[1] == seed_port:
                from_seed[p.ip] = p.total_download
    total = y.status().total_payload_download
    # Y's peers other than Seedcast's seed: X alone (no web seed, no DHT, no LSD, no PEX source)
    result["a"] = {"completed": y.status().is_seeding, "seconds": round(time.time() - started, 1),
                   "bytes_downloaded": total, "bytes_from_seedcast_seed": sum(from_seed.values()),
                   "x_among_y_peers": any(ip[1] == x_session.listen_port() for ip in peers_seen),
                   "size": x_info.total_size()}

    # (c) T1 and T2 in one tier: Z (libtorrent, with the torrent as served: SEEDCAST_TRACKER_MORE_HOSTS
    # puts T2 in T1's tier, HTTP before UDP) and the legitimate swarm (bench/LegitSwarm.java: 1,000
    # peers, half on T1, half on T2, failing over like Z), which kills T1 after its calm seconds
    info_hash = bytes.fromhex(str(x_info.info_hashes().v1))
    # every peer announces once in its calm (spread over an interval), and the swarm goes on for an
    # interval after the kill and a margin: every peer of T1 has had its announce to fail over
    calm, legit_seconds = interval + 5, 2 * interval + 15
    z_trackers = [t.url for t in lt_torrent(lt, torrent).trackers()]
    if not any(t2 in url for url in z_trackers):
        raise SystemExit(f"the served torrent does not list T2 ({t2}) in its trackers: {z_trackers}")
    # libtorrent shuffles a tier: Z starts again (a new session, shuffled again) until T1 answered it
    # first, so that the kill concerns it; 8 times at most
    for _ in range(8):
        z_session = lt_session(lt)
        z = lt_add(lt, z_session, lt_torrent(lt, torrent), os.path.join(work, "peer-z"))
        first = None
        deadline = time.time() + 30
        while first is None and time.time() < deadline:
            z_session.wait_for_alert(200)
            first = next((a.url for a in replies(z_session, lt)), None)
        if first is None or t1 in first:
            break
    legit = subprocess.Popen(legit_command + [f"{t1.split(':')[0]},{t2.split(':')[0]}", t1.split(":")[1],
                                              info_hash.hex(), str(legit_seconds), str(legit_peers),
                                              str(interval), str(calm), str(t1_pid)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:  # the swarm stops by itself; if this fails first, it is not left behind
        calm_and_after = f"calm {calm} s, then {legit_seconds - calm} s after the kill"
        lines = []
        for line in legit.stdout:
            lines.append(line)
            if line.startswith("killed "):
                break
        else:
            raise SystemExit(f"the legitimate swarm ({calm_and_after}) did not kill T1:\n" + "".join(lines[-20:]))
        killed = time.time()
        x_listed = ("127.0.0.1", x_port) in (listed_by(t2, info_hash) or ())
        x_back, z_failover, next_force = None, None, 0
        # libtorrent's UDP socket takes no ICMP error: it moves on when its announce times out (about 10 s)
        while time.time() - killed < interval + 5 and (z_failover is None or x_back is None):
            if x_back is None and ("127.0.0.1", x_port) in (listed_by(t2, info_hash) or ()):
                x_back = time.time() - killed
            if z_failover is None:
                if time.time() >= next_force:
                    # now, whatever the tracker's min interval says, as a client does when its tracker errs
                    z.force_reannounce(0, -1, lt.reannounce_flags_t.ignore_min_interval)
                    next_force = time.time() + 0.5
                if any(t2 in a.url for a in replies(z_session, lt)):
                    z_failover = time.time() - killed
            z_session.wait_for_alert(100)
        lines += legit.stdout.readlines()
        legit.wait()
    finally:
        legit.kill()
    with open(os.path.join(work, "legit.txt"), "w") as out:
        out.writelines(lines)
    swarm_result = next((json.loads(line[5:]) for line in lines if line.startswith("json ")), None)
    if swarm_result is None:
        raise SystemExit("the legitimate swarm printed no result:\n" + "".join(lines[-20:]))
    result["c"] = {"z_trackers": z_trackers, "z_first_tracker": first, "z_failover_ms": ms(z_failover),
                   "t2_lists_x_at_kill": x_listed, "x_listed_after_ms": ms(x_back), "swarm": swarm_result,
                   "swarm_lines": [line.rstrip() for line in lines if line.startswith(("legitimate", "  ", "killed"))]}
    print(json.dumps(result), flush=True)


# ---- web nodes through the load balancer -----------------------------------------------------

def web(lb, node_pids, auth, work):
    host, port = endpoint(lb)
    pids = dict(item.split("=") for item in node_pids.split(","))
    headers = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode(), "Tus-Resumable": "1.0.0"}

    def call(method, path, body=None, extra=None):
        c = http.client.HTTPConnection(host, port, timeout=30)
        c.request(method, path, body=body, headers={**headers, **(extra or {})})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r, data

    result = {}
    admin = signed_in(host, port, auth)
    # (d) 8 MiB in 1 MiB PATCHes; the node that answered the creation dies after 4
    size, chunk = 8 << 20, 1 << 20
    name = base64.b64encode(b"failover.mp4").decode()
    meta = "filename " + name + ",show " + base64.b64encode(b"cluster").decode()
    r, _ = call("POST", "/api/uploads", extra={"Upload-Length": str(size), "Upload-Metadata": meta})
    location, holder = r.getheader("Location"), r.getheader("X-Seedcast-Node")
    location = location if location.startswith("/") else "/" + location.split("/", 3)[3]
    body = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(size - 24)
    offset = 0
    d = {"created_on": holder, "status": r.status}
    for _ in range(4):
        r, _ = call("PATCH", location, body[offset:offset + chunk], {"Upload-Offset": str(offset),
                                                                    "Content-Type": "application/offset+octet-stream"})
        offset = int(r.getheader("Upload-Offset", offset))
    os.kill(int(pids[holder]), 9)
    killed = time.time()
    r, _ = call("HEAD", location)
    d["acknowledged"], d["head_after_kill"] = offset, r.status
    resumed = int(r.getheader("Upload-Offset", "0")) if r.status == 200 else None
    d["resumed_at"] = resumed
    if resumed is None or resumed < offset:
        # the other node lacks the bytes the dead one acknowledged: the upload's part file was there
        d["result"] = (f"skipped: uploads are per-node (the other node answers HEAD {r.status}, offset {resumed}"
                       f" of {offset} acknowledged)")
    if resumed is not None:
        offset = resumed
        while offset < size and r.status in (200, 204):
            r, _ = call("PATCH", location, body[offset:offset + chunk], {"Upload-Offset": str(offset),
                                                                        "Content-Type": "application/offset+octet-stream"})
            offset = int(r.getheader("Upload-Offset", offset))
        outcome = "continued to the end" if offset == size else f"a PATCH answered {r.status} at {offset} of {size}"
        d["result"] = d["result"] + "; from there, " + outcome if "result" in d else outcome
    result["d"] = d

    # (e) pages and feeds through the load balancer while that node stays down
    paths = ["/", "/shows/cluster", "/feeds/all.xml", "/shows/cluster/feed.xml", "/feeds/torrents.xml"]
    ok, failed, latencies, statuses = 0, 0, [], {}
    while time.time() - killed < 10 or not latencies:  # a loaded machine may spend the 10 s on (d)
        for path in paths:
            began = time.time()
            try:
                c = http.client.HTTPConnection(host, port, timeout=10)
                c.request("GET", path)
                status = c.getresponse().status
                c.close()
            except OSError:
                status = 0
            latencies.append(time.time() - began)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                ok += 1
            else:
                failed += 1
        time.sleep(0.1)  # a few fans' worth, not a flood
    latencies.sort()
    studio = [admin("/studio") for _ in range(4)]
    result["e"] = {"answered": ok, "failed": failed, "p99_ms": ms(latencies[int(len(latencies) * 0.99)]),
                   "statuses": {str(k): v for k, v in statuses.items()},
                   "admin_studio_after_kill": [f"{status} from {node}" for status, node in studio]}
    print(json.dumps(result), flush=True)


def announce_from(address, port, tracker, info_hash, event):
    """One HTTP announce of a peer on its own loopback address; raises unless the tracker answers it."""
    query = announce_query(bytes.fromhex(info_hash), os.urandom(20), port, event=event)
    host, tracker_port = endpoint(tracker)
    c = http.client.HTTPConnection(host, tracker_port, timeout=5, source_address=(address, 0))
    c.request("GET", f"/announce?{query}")
    body = c.getresponse().read()
    c.close()
    if b"failure reason" in body:
        raise SystemExit(f"bench: {tracker} refused the announce: {body!r}")


def counts(t1, t2, info_hash, web_nodes, auth):
    peers = [(f"127.0.5.{i + 1}", 42001 + i, t1 if i < 3 else t2) for i in range(6)]
    for address, port, tracker in peers:
        announce_from(address, port, tracker, info_hash, "started")
    began = time.time()
    headers = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}
    result = {}
    for node in web_nodes.split(","):
        host, port = endpoint(node)
        seen, took = None, None
        while time.time() - began < 10:
            c = http.client.HTTPConnection(host, port, timeout=5)
            c.request("GET", f"/api/admin/swarms/{info_hash}", headers=headers)
            answer = c.getresponse()
            body = answer.read()
            c.close()
            seen = json.loads(body)["leechers"] if answer.status == 200 else f"HTTP {answer.status}"
            if seen == len(peers):
                took = time.time() - began
                break
            time.sleep(0.05)
        result[node] = {"leechers_counted": seen, "after_ms": ms(took)}
    for address, port, tracker in peers:
        announce_from(address, port, tracker, info_hash, "stopped")  # the later checks' swarm is theirs alone
    print(json.dumps({"f": result, "peers": len(peers)}), flush=True)


def signed_in(host, port, auth):
    """Signs in with the form through the load balancer, as a browser does (the session cookie, the
    page's CSRF token); returns a GET that carries the session: (status, node that answered)."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None  # a redirect to /login is the answer to look at, not to follow

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Keep())

    def get(path):
        try:
            with opener.open(f"http://{host}:{port}{path}", timeout=10) as answer:
                return answer.status, answer.headers.get("X-Seedcast-Node"), answer.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("X-Seedcast-Node"), ""

    token = re.search(r'name="_csrf" value="([^"]+)"', get("/login")[2]).group(1)
    user, password = auth.split(":", 1)
    form = urllib.parse.urlencode({"username": user, "password": password, "_csrf": token}).encode()
    try:
        opener.open(urllib.request.Request(f"http://{host}:{port}/login", data=form), timeout=10)
    except urllib.error.HTTPError as e:
        if e.code != 302:
            raise
    status, node, _ = get("/studio")
    if status != 200:
        raise SystemExit(f"bench: could not sign in through the load balancer (studio answered {status})")
    return lambda path: get(path)[:2]


def tracks(tracker, info_hash):
    """Exit 0 once the tracker answers announces of `info_hash` (the publication has reached it).
    Over HTTP, whose refusals carry a failure reason (a UDP refusal may be an empty peer list)."""
    import urllib.request
    query = announce_query(bytes.fromhex(info_hash), b"-BENCH0-000000000001", 41001, event="stopped")
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{tracker}/announce?{query}", timeout=2) as answer:
                if b"failure reason" not in answer.read():
                    return 0
        except OSError:
            pass
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "tracks":
        sys.exit(tracks(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "counts":
        counts(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6])
    elif sys.argv[1] == "swarm":
        swarm(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]), sys.argv[8],
              int(sys.argv[9]), sys.argv[10].split(), int(sys.argv[11]))
    else:
        web(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
