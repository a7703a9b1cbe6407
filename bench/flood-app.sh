#!/usr/bin/env bash
# The Revision3 replay against the whole application (web app, database, feeds and tracker in one
# process), as the issue describes it: 127.0.0.1 floods the tracker with foreign announces over
# HTTP and UDP as fast as it can (no exemption), 1,000 legitimate peers (127.0.1.1 and up) announce
# a published episode about every 20 s, and a fan on 127.0.0.3 keeps loading the show page and its
# feed. Prints legitimate announce p50/p99, page p50/p99, failures, heap, and the unknown-torrent
# table's top entry. Compare with bench/flood.sh (the tracker alone, beside opentracker).
#
# The swarm announces alone for CALM seconds first (default 10), then the flood and the page client
# run SECONDS; legitimate figures are printed for the whole run, before the flood and during it.
#
# usage: bench/flood-app.sh [SECONDS=40]      needs: a built target/seedcast.jar, wrk, a JDK 21+
#        CALM=0 bench/flood-app.sh              (the flood starts with the swarm)
#        APP_JAVA_OPTS="-Xlog:gc:file=/tmp/gc.log" bench/flood-app.sh   (extra JVM options for the app,
#        after the README's production heap, -Xms512m -Xmx512m)
#        APP_GC=-XX:+UseG1GC bench/flood-app.sh   (the collector; default the README's, -XX:+UseZGC)
#        APP_ENV="SEEDCAST_TRACKER_THREADS=1" bench/flood-app.sh   (extra settings for the app)
#        AOT=1 bench/flood-app.sh   (JDK 25+: the README's "Faster start": the jar extracted to target/aot/,
#        a training run, java seedcast.jar train, writes target/aot/seedcast.aot, reused while the jar
#        is older; the app then starts with -XX:AOTCache)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-40}
CALM=${CALM:-10}   # seconds the legitimate swarm announces alone before the flood begins
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
APP_GC=${APP_GC:--XX:+UseZGC}   # training and start alike: an AOT cache only serves the collector it was made with
APP_PORT=18180; TRACKER_PORT=26980
[ -f target/seedcast.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d /tmp/seedcast-flood-app.XXXXXX); chmod 755 "$WORK"
RUN=(); [ "$(id -u)" = 0 ] && { id seedcast >/dev/null 2>&1 || useradd -m seedcast; chown seedcast "$WORK"; RUN=(runuser -u seedcast --); }
LAUNCH=(-jar target/seedcast.jar)
if [ "${AOT:-0}" != 0 ]; then
  if [ ! -f target/aot/seedcast.aot ] || [ target/seedcast.jar -nt target/aot/seedcast.aot ]; then
    echo "training an AOT cache (target/aot/, about 2 minutes)..."
    rm -rf target/aot; mkdir -p target/aot; [ ${#RUN[@]} -gt 0 ] && chown seedcast target/aot
    "${RUN[@]}" "$JAVA" -Djarmode=tools -jar target/seedcast.jar extract --destination "$PWD/target/aot/seedcast"
    # absolute paths, the same for training and start: JDK 25 aborts on a cache made for another path
    "${RUN[@]}" "$JAVA" $APP_GC -XX:AOTCacheOutput="$PWD/target/aot/seedcast.aot" -jar "$PWD/target/aot/seedcast/seedcast.jar" train \
      > "$WORK/train.log" 2>&1 || { tail -20 "$WORK/train.log"; exit 1; }
    grep "seedcast train:" "$WORK/train.log"
  fi
  LAUNCH=(-XX:AOTCache="$PWD/target/aot/seedcast.aot" -jar "$PWD/target/aot/seedcast/seedcast.jar")
fi
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 2; rm -rf "$WORK"; }
trap cleanup EXIT

python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
open(f"{w}/foreign.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(100000)))
with open(f"{w}/episode.mp4", "wb") as f:
    f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(4 << 20))
PY
chmod 644 "$WORK"/*

"${RUN[@]}" env SERVER_PORT=$APP_PORT SEEDCAST_TRACKER_PORT=$TRACKER_PORT SEEDCAST_DATA_DIR="$WORK/data" \
  SEEDCAST_ADMIN_PASSWORD=bench-password SEEDCAST_PUBLIC_URL=http://127.0.0.1:$APP_PORT \
  ${APP_ENV:-} "$JAVA" -Xms512m -Xmx512m $APP_GC -XX:ThreadPriorityPolicy=1 ${APP_JAVA_OPTS:-} "${LAUNCH[@]}" > "$WORK/app.log" 2>&1 &
APP=$!; PIDS+=($APP)
STARTED=$(date +%s%N)
for _ in $(seq 900); do curl -sf localhost:$APP_PORT/actuator/health >/dev/null && break; sleep 0.1; done
echo "== application up (health UP) $(( ($(date +%s%N) - STARTED) / 1000000 )) ms after launch: ${LAUNCH[*]}"
A=admin:bench-password
curl -sf -u $A -H 'Content-Type: application/json' -d '{"slug":"flood","title":"Flood test"}' localhost:$APP_PORT/api/shows >/dev/null
ID=$(curl -sf -u $A -F title=Episode -F file=@"$WORK/episode.mp4" localhost:$APP_PORT/api/shows/flood/episodes | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
HASH=$(curl -sf -u $A -X POST localhost:$APP_PORT/api/episodes/$ID/publish | python3 -c 'import json,sys; print(json.load(sys.stdin)["infoHash"])')
echo "== whole application, published torrent $HASH, ${SECONDS_TOTAL}s"

pages() { "$JAVA" bench/PageProbe.java 127.0.0.3 127.0.0.1 $APP_PORT "$((CALM + SECONDS_TOTAL))" 100 /shows/flood /shows/flood/feed.xml > "$WORK/pages.out"; }
. bench/flood-round.sh
flood_round $TRACKER_PORT "$HASH" pages
echo "  $(cat "$WORK/pages.out")"
curl -sf -u $A localhost:$APP_PORT/api/admin/unknown-torrents | python3 -c '
import json, sys
rows = sorted(json.load(sys.stdin), key=lambda r: -r["announces"])
print(f"  unknown torrents tracked: {len(rows)}")
if rows:
    top = rows[0]
    hash, count, sources, heaviest = top["infoHash"], top["announces"], top["distinctSources"], top["topSources"][:2]
    print(f"  top: {hash} announces {count}, ~{sources} sources, heaviest {heaviest}")'
curl -sf -u $A localhost:$APP_PORT/api/admin/refused-sources | python3 -c '
import json, sys
rows = json.load(sys.stdin)
print("  top sources refused unread (rate limit, ban): " + ", ".join("%s x%d" % (r["name"], r["count"]) for r in rows[:3]))'
curl -sf localhost:$APP_PORT/actuator/prometheus | grep -E '^jvm_memory_used_bytes\{.*area="heap"' | awk '{s+=$NF} END {printf "  heap used: %.0f MiB\n", s/1048576}'
curl -sf localhost:$APP_PORT/actuator/prometheus | grep -E '^seedcast_tracker_requests_total' | sort -t' ' -k2 -rn | sed -n '1,6s/^/  /p'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
