#!/usr/bin/env python3
"""Uploads a file to Seedcast over tus 1.0 (creation + PATCH chunks), resuming where the server
says it stopped. The upload URL is kept in FILE.tus-url, so a killed run continues when started
again. Standard library only.

  bench/tus-upload.py FILE --show SLUG [--title T] [--url http://localhost:8080] [--user admin:PW]
                      [--chunk-mib 64] [--stop-after-mib N]
"""
import argparse, base64, http.client, os, sys, time, urllib.parse


def b64(text):
    return base64.b64encode(text.encode()).decode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--show", required=True)
    p.add_argument("--title")
    p.add_argument("--url", default="http://localhost:8080")
    p.add_argument("--user", default=os.environ.get("SEEDCAST_USER", "admin:admin"))
    p.add_argument("--chunk-mib", type=int, default=64)
    p.add_argument("--stop-after-mib", type=int, default=0, help="exit abruptly after sending this much (simulates a killed client)")
    a = p.parse_args()
    base = urllib.parse.urlparse(a.url)
    auth = "Basic " + base64.b64encode(a.user.encode()).decode()
    size = os.path.getsize(a.file)
    state = a.file + ".tus-url"

    def conn():
        return http.client.HTTPConnection(base.hostname, base.port or 80, timeout=300)

    def call(method, path, headers=None, body=None):
        c = conn()
        h = {"Tus-Resumable": "1.0.0", "Authorization": auth}
        h.update(headers or {})
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r, data

    location, offset = None, 0
    if os.path.exists(state):
        location = open(state).read().strip()
        r, _ = call("HEAD", location)
        if r.status == 200:
            offset = int(r.getheader("Upload-Offset"))
            print(f"resuming {location} at {offset} bytes", flush=True)
        else:
            location = None
    if location is None:
        name = os.path.basename(a.file)
        meta = f"filename {b64(name)},show {b64(a.show)},title {b64(a.title or name)}"
        r, body = call("POST", "/api/uploads", {"Upload-Length": str(size), "Upload-Metadata": meta})
        if r.status != 201:
            sys.exit(f"creation refused: {r.status} {body.decode(errors='replace')}")
        location = r.getheader("Location")
        open(state, "w").write(location)
        print(f"created {location}", flush=True)

    chunk = a.chunk_mib << 20
    sent_this_run, start = 0, time.time()
    with open(a.file, "rb") as f:
        while offset < size:
            f.seek(offset)
            n = min(chunk, size - offset)
            c = conn()
            c.putrequest("PATCH", location)
            for k, v in {"Tus-Resumable": "1.0.0", "Authorization": auth, "Upload-Offset": str(offset),
                         "Content-Type": "application/offset+octet-stream", "Content-Length": str(n)}.items():
                c.putheader(k, v)
            c.endheaders()
            left = n
            while left:
                block = f.read(min(1 << 20, left))
                c.send(block)
                left -= len(block)
                sent_this_run += len(block)
                if a.stop_after_mib and sent_this_run >= a.stop_after_mib << 20:
                    print(f"stopping abruptly after {sent_this_run} bytes (offset {offset + n - left})", flush=True)
                    os._exit(3)
            r = c.getresponse()
            r.read()
            if r.status != 204:
                sys.exit(f"PATCH refused: {r.status}")
            offset = int(r.getheader("Upload-Offset"))
            episode = r.getheader("Seedcast-Episode-Id")
            c.close()
            rate = sent_this_run / max(time.time() - start, 1e-6) / 1e6
            print(f"\r{offset * 100 // size:3d}%  {offset}/{size} bytes  {rate:.0f} MB/s", end="", flush=True)
    print()
    os.remove(state)
    print(f"complete: episode {episode}, {sent_this_run} bytes this run in {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
