#!/usr/bin/env bash
# Web seed throughput: 1 MiB Range requests at random piece offsets over 16 connections, against
# Seedcast's /media/... and against nginx (sendfile on) serving the same file, in the same run.
# Prints MB/s for each and the ratio. Loopback only; bounded by DURATION.
#   bench/webseed.sh            (needs: a built target/seedcast.jar, wrk, nginx-light, JDK 21+)
# Env: FILE_MIB (default 1024), DURATION (default 20s), CONNECTIONS (default 16)
set -euo pipefail
cd "$(dirname "$0")/.."
FILE_MIB=${FILE_MIB:-1024}; DURATION=${DURATION:-20s}; CONNECTIONS=${CONNECTIONS:-16}
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
  SEEDCAST_TRACKER_PORT=16969 "$JAVA" -jar target/seedcast.jar > "$WORK/app.log" 2>&1 &
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

run() { # name url
  echo "== $1 (warm-up 5s, then $DURATION)"
  FILE_SIZE=$SIZE wrk -t2 -c$CONNECTIONS -d5s -s bench/webseed-ranges.lua "$2" >/dev/null
  FILE_SIZE=$SIZE wrk -t2 -c$CONNECTIONS -d$DURATION --latency -s bench/webseed-ranges.lua "$2" | tee "$WORK/$1.txt" | grep -E "Requests/sec|Transfer/sec|99%|Non-2xx"
}
run nginx "http://127.0.0.1:$NGINX_PORT/episode.mp4"
run seedcast "http://127.0.0.1:$APP_PORT$MEDIA_PATH"
python3 - "$WORK/nginx.txt" "$WORK/seedcast.txt" <<'PY'
import re, sys
def mbps(path):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", open(path).read()).group(1))
    return rps * 1.048576  # MB per 1 MiB response
n, s = mbps(sys.argv[1]), mbps(sys.argv[2])
print(f"nginx    {n:8.0f} MB/s\nseedcast {s:8.0f} MB/s\nratio    {s / n:8.2f}x nginx (target >= 0.80)")
PY
