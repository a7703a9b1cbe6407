#!/usr/bin/env python3
"""What a ranged GET costs by its size: reads one object of an S3-compatible store (S3Proxy with
authorization none, as bench/s3.sh starts it) front to back in ranges of 16 KiB (a BitTorrent block:
what a GET per block would cost the seed), 256 KiB, 1 MiB and 4 MiB (pieces: what the seed's piece
cache reads), over one kept-alive connection, in alternating order, ROUNDS times. Prints per size
the median milliseconds per GET and MB/s.
usage: s3_ranges.py http://127.0.0.1:PORT BUCKET OBJECT_MIB [ROUNDS]"""
import http.client, os, statistics, sys, time, urllib.parse

base, bucket, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
size = mib << 20
conn.request("PUT", f"/{bucket}/ranges.bin", body=os.urandom(size), headers={"Content-Length": str(size)})
resp = conn.getresponse(); resp.read()
assert resp.status == 200, resp.status

def read_all(chunk):
    start = time.perf_counter(); gets = 0
    for offset in range(0, size, chunk):
        conn.request("GET", f"/{bucket}/ranges.bin", headers={"Range": f"bytes={offset}-{min(size, offset + chunk) - 1}"})
        r = conn.getresponse(); body = r.read(); gets += 1
        assert r.status == 206 and len(body) == min(chunk, size - offset), (r.status, len(body))
    return time.perf_counter() - start, gets

sizes = [16 << 10, 256 << 10, 1 << 20, 4 << 20]
results = {s: [] for s in sizes}
for round_ in range(rounds):
    for s in (sizes if round_ % 2 == 0 else reversed(sizes)):
        results[s].append(read_all(s))
print(f"{'range':>8} {'ms/GET':>8} {'MB/s':>8}   ({mib} MiB object, {rounds} rounds, medians)")
for s in sizes:
    secs = statistics.median(t for t, _ in results[s]); gets = results[s][0][1]
    print(f"{s >> 10:>6}Ki {1000 * secs / gets:>8.2f} {size / secs / 1e6:>8.1f}")
