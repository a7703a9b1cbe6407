#!/usr/bin/env bash
# Web seed throughput: 1 MiB Range requests at random piece offsets over 16 connections, against
# Seedcast's /media/... and against nginx (sendfile on) serving the same file, in the same run.
# ROUNDS rounds, the order alternating (nginx first, then Seedcast first, ...), so a machine whose
# load changes during the run weighs on both alike. Prints per round and as medians: MB/s for each,
# the ratio, and each server's CPU seconds (user + system from /proc, nginx's workers summed) per GB
# sent, which depends less on what else runs on the machine than the rate does.
# Loopback only; bounded by DURATION per measurement.
#   bench/webseed.sh            (needs: a built target/seedcast.jar, wrk, nginx-light, JDK 21+)
# Env: FILE_MIB (default 1024), DURATION (default 20s), CONNECTIONS (default 16), ROUNDS (default 3),
#      APP_ENV (extra settings for the application, e.g. SEEDCAST_STORAGE=s3 ...: see bench/s3.sh),
#      APP_JAVA_OPTS (extra JVM options, e.g. a flight recording: -XX:StartFlightRecording=filename=/tmp/ws.jfr)
set -euo pipefail
cd "$(dirname "$0")/.."
FILE_MIB=${FILE_MIB:-1024}; DURATION=${DURATION:-20s}; CONNECTIONS=${CONNECTIONS:-16}; ROUNDS=${ROUNDS:-3}
APP_PORT=18080; NGINX_PORT=18081
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light curl python3)"; exit 2; }; done
[ -f target/seedcast.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d /tmp/seedcast-webseed.XXXXXX); chmod 755 "$WORK"
RUN=(); [ "$(id -u)" = 0 ] && { id seedcast >/dev/null 2>&1 || useradd -m seedcast; chown seedcast "$WORK"; RUN=(runuser -u seedcast --); }
cleanup() { [ -n "${APP_PID:-}" ] && kill $APP_PID 2>/dev/null; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== preparing a ${FILE_MIB} MiB episode"
python3 - "$WORK/episode.mp4" "$FILE_MIB" <<'PY'
import os, sys
with open(sys.argv[1], "wb") as f:
    f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    for _ in range(int(sys.argv[2])): f.write(os.urandom(1 << 20))
PY
chmod 644 "$WORK/episode.mp4"
SIZE=$(stat -c %s "$WORK/episode.mp4")
"${RUN[@]}" env SERVER_PORT=$APP_PORT SEEDCAST_DATA_DIR="$WORK/data" SEEDCAST_ADMIN_PASSWORD=bench-password \
  SEEDCAST_TRACKER_PORT=16969 SEEDCAST_SEEDER_ENABLED=false ${APP_ENV:-} "$JAVA" ${APP_JAVA_OPTS:-} -jar target/seedcast.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 90); do curl -sf localhost:$APP_PORT/actuator/health >/dev/null && break; sleep 1; done
AUTH=admin:bench-password
curl -sf -u $AUTH -H 'Content-Type: application/json' -d '{"slug":"bench","title":"Bench"}' localhost:$APP_PORT/api/shows >/dev/null
python3 bench/tus-upload.py "$WORK/episode.mp4" --show bench --url http://localhost:$APP_PORT --user $AUTH --chunk-mib 256 >/dev/null
ID=$(curl -sf -u $AUTH localhost:$APP_PORT/api/shows/bench/episodes | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
curl -sf -u $AUTH -X POST localhost:$APP_PORT/api/episodes/$ID/publish >/dev/null
MEDIA_PATH="/media/$ID/episode.mp4"
curl -sf -o /dev/null -H 'Range: bytes=0-1048575' -w '%{http_code}\n' localhost:$APP_PORT$MEDIA_PATH | grep -q 206

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK; location / { } }
}
NGINX
nginx -c "$WORK/nginx.conf"
sleep 1

APP_JVM=$(pgrep -P $APP_PID java || echo $APP_PID)   # runuser forks the JVM
NGINX_WORKERS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

run() { # name url pids... -> a line "name round MB/s cpu_s_per_GB" in $WORK/results
  local name=$1 url=$2; shift 2
  FILE_SIZE=$SIZE wrk -t2 -c$CONNECTIONS -d5s -s bench/webseed-ranges.lua "$url" >/dev/null
  local before; before=$(ticks "$@")
  FILE_SIZE=$SIZE wrk -t2 -c$CONNECTIONS -d$DURATION --latency -s bench/webseed-ranges.lua "$url" > "$WORK/$name.txt"
  local after; after=$(ticks "$@")
  grep -q "Non-2xx" "$WORK/$name.txt" && { echo "$name answered errors:"; cat "$WORK/$name.txt"; exit 1; }
  python3 - "$WORK/$name.txt" "$name" "$round" $((after - before)) "$(getconf CLK_TCK)" <<'PY' | tee -a "$WORK/results"
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
seconds = float(re.search(r"requests in ([\d.]+)s", text).group(1))
mb = rps * 1.048576  # MB per 1 MiB response
cpu = int(sys.argv[4]) / int(sys.argv[5])
print(f"{sys.argv[2]} {sys.argv[3]} {mb:.1f} {cpu / (mb * seconds / 1000):.3f}")
PY
}
: > "$WORK/results"
for round in $(seq "$ROUNDS"); do
  echo "== round $round (each: warm-up 5s, then $DURATION)"
  if [ $((round % 2)) = 1 ]; then order="nginx seedcast"; else order="seedcast nginx"; fi
  for name in $order; do
    if [ $name = nginx ]; then run nginx "http://127.0.0.1:$NGINX_PORT/episode.mp4" $NGINX_WORKERS
    else run seedcast "http://127.0.0.1:$APP_PORT$MEDIA_PATH" $APP_JVM; fi
  done
done
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def figures(name):
    return {int(r[1]): (float(r[2]), float(r[3])) for r in rows if r[0] == name}
n, s = figures("nginx"), figures("seedcast")
print("round    nginx MB/s  seedcast MB/s  ratio   nginx CPU s/GB  seedcast CPU s/GB  ratio")
for r in sorted(n):
    print(f"{r:5}  {n[r][0]:12.0f} {s[r][0]:14.0f} {s[r][0] / n[r][0]:6.2f}x {n[r][1]:15.3f} {s[r][1]:18.3f} {s[r][1] / n[r][1]:6.2f}x")
rate = statistics.median(s[r][0] / n[r][0] for r in n)
cpu = statistics.median(s[r][1] / n[r][1] for r in n)
print(f"median ratio: throughput {rate:.2f}x nginx (target >= 0.95), CPU per GB {cpu:.2f}x nginx")
PY
