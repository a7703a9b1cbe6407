#!/usr/bin/env python3
"""The checks of `bench/cluster.sh topology` that need real clients (Debian's python3-libtorrent and
the standard library). Each prints one JSON line.

  swarm TORRENT MEDIA T1 T2 SEED_PORT T1_PID WORK
      (a) libtorrent peer X announces to tracker node T1 only, peer Y to T2 only, from a torrent
          without its url-list (no web seed): Y must find X and complete; bytes counted per source.
      (c) then a libtorrent client Z with T1 and T2 in one tier (BEP 12) and 8 UDP clients that fail
          over the same way announce while T1 is killed with SIGKILL (T1_PID): how long until they
          are answered by T2, how many announces failed on both nodes, and whether T2 still lists
          X, who announced to T1 only.
  counts T1 T2 HASH WEB_NODES AUTH
      (f) 3 UDP peers announce to T1 and 3 to T2; each web node (a cluster member that answers no
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
import random
import socket
import struct
import sys
import time

PROTOCOL_ID = 0x41727101980


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# ---- UDP tracker client (BEP 15) -------------------------------------------------------------

class UdpPeer:
    """A peer on its own loopback address that announces like a client of BEP 12: to its current
    tracker, and on an error or no answer within a second, at once to the next one of its tier."""

    def __init__(self, address, port, trackers, info_hash):
        self.address, self.port, self.trackers, self.hash = address, port, trackers, info_hash
        self.current = 0
        self.ids = {}

    def _exchange(self, tracker, payload, tid):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((self.address, 0))
            s.connect(tracker)  # connected: a closed port's ICMP error raises ConnectionRefusedError
            s.settimeout(1.0)
            s.send(payload)
            data = s.recv(2048)
            if len(data) < 8 or struct.unpack(">I", data[4:8])[0] != tid:
                raise OSError("unexpected answer")
            return data

    def _announce_to(self, tracker, event=0):
        if tracker not in self.ids:
            tid = random.getrandbits(32)
            data = self._exchange(tracker, struct.pack(">QII", PROTOCOL_ID, 0, tid), tid)
            self.ids[tracker] = struct.unpack(">Q", data[8:16])[0]
        tid = random.getrandbits(32)
        packet = struct.pack(">QII20s20sQQQIIIiH", self.ids[tracker], 1, tid, self.hash, os.urandom(20), 0, 1000, 0,
                             event, 0, 0, 200, self.port)
        data = self._exchange(tracker, packet, tid)
        if struct.unpack(">I", data[0:4])[0] != 1:
            raise OSError("refused: " + data[8:].decode(errors="replace"))
        return [(socket.inet_ntoa(data[o:o + 4]), struct.unpack(">H", data[o + 4:o + 6])[0])
                for o in range(20, len(data) - 5, 6)]

    def announce(self):
        """(index of the tracker that answered, peers), or (None, []) when every tracker failed."""
        for attempt in range(len(self.trackers)):
            tracker = self.trackers[self.current]
            try:
                return self.current, self._announce_to(tracker)
            except OSError:
                self.ids.pop(tracker, None)
                self.current = (self.current + 1) % len(self.trackers)
        return None, []


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


def swarm(torrent_path, media_path, t1, t2, seed_port, t1_pid, work):
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
    # puts T2 in T1's tier, HTTP before UDP) and 8 UDP peers announce to T1 first, then T1 dies
    trackers = [endpoint(t1), endpoint(t2)]
    info_hash = bytes.fromhex(str(x_info.info_hashes().v1))
    peers = [UdpPeer(f"127.0.3.{i + 1}", 40000 + i, trackers, info_hash) for i in range(8)]
    for p in peers:
        p.announce()
    z_session = lt_session(lt)
    z_info = lt_torrent(lt, torrent)
    z_trackers = [t.url for t in z_info.trackers()]
    if not any(t2 in url for url in z_trackers):
        raise SystemExit(f"the served torrent does not list T2 ({t2}) in its trackers: {z_trackers}")
    z = lt_add(lt, z_session, z_info,
               os.path.join(work, "peer-z"))
    first = None
    deadline = time.time() + 30
    while first is None and time.time() < deadline:
        z_session.wait_for_alert(200)
        first = next((a.url for a in replies(z_session, lt)), None)
    os.kill(t1_pid, 9)
    killed = time.time()
    failover_peers = [None] * len(peers)
    failed, answered, z_failover = 0, 0, None
    next_force = 0
    # libtorrent's UDP socket takes no ICMP error: it moves on when its announce times out (about 10 s)
    while time.time() - killed < (8 if z_failover is not None else 25):
        for i, p in enumerate(peers):
            index, _ = p.announce()
            if index is None:
                failed += 1
            else:
                answered += 1
                if index == 1 and failover_peers[i] is None:
                    failover_peers[i] = time.time() - killed
        if z_failover is None:
            if time.time() >= next_force:
                # now, whatever the tracker's min interval says, as a client does when its tracker errs
                z.force_reannounce(0, -1, lt.reannounce_flags_t.ignore_min_interval)
                next_force = time.time() + 0.5
            if any(t2 in a.url for a in replies(z_session, lt)):
                z_failover = time.time() - killed
        time.sleep(0.1)
    _, listed = UdpPeer("127.0.4.1", 41000, [endpoint(t2)], info_hash).announce()
    result["c"] = {"z_trackers": z_trackers, "z_first_tracker": first, "z_failover_ms": ms(z_failover),
                   "udp_peers_failover_ms_max": ms(max((f for f in failover_peers if f is not None), default=None)),
                   "udp_peers_failed_over": sum(f is not None for f in failover_peers), "udp_peers": len(peers),
                   "announces_answered": answered, "announces_failed_on_both": failed,
                   "t2_lists_x": ("127.0.0.1", x_port) in listed, "t2_listed": len(listed)}
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
    while time.time() - killed < 10:
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


def counts(t1, t2, info_hash, web_nodes, auth):
    peers = [UdpPeer(f"127.0.5.{i + 1}", 42001 + i, [endpoint(t1 if i < 3 else t2)], bytes.fromhex(info_hash))
             for i in range(6)]
    for peer in peers:
        peer.announce()
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
    for peer in peers:
        peer._announce_to(peer.trackers[0], event=3)  # stopped: the later checks' swarm is theirs alone
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
    import urllib.parse
    import urllib.request
    query = urllib.parse.urlencode({"info_hash": bytes.fromhex(info_hash), "peer_id": b"-BENCH0-000000000001",
                                    "port": 41001, "uploaded": 0, "downloaded": 0, "left": 1000, "compact": 1,
                                    "event": "stopped"})
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
        swarm(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]), sys.argv[8])
    else:
        web(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
