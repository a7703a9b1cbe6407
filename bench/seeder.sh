#!/usr/bin/env bash
# The publisher's own seed against libtorrent's: one and eight libtorrent leechers (each a session of
# its own on its own loopback address 127.0.0.1x) download a 1 GiB episode from (a) Seedcast's seed
# and (b) python3-libtorrent seeding the same file from the same .torrent, in the same run. Web seeds
# and trackers are stripped from the leechers' copy of the torrent and DHT, LSD and PEX are off, so
# every byte comes from the one seed. The leechers write to tmpfs (LEECH_DIR), so the disk does not
# set the pace.
#
# Per run: throughput (bytes all leechers received / time until the last completed), the seeding
# process's CPU seconds (user + system from /proc/PID/stat) per GiB sent, and memory per connection
# while the leechers are a third of the way through: for Seedcast the JVM's heap after a full GC
# (jcmd; -Xmx512m, G1) minus the same figure before the leechers came, per connection; for libtorrent the growth
# of the process's anonymous resident memory (RssAnon: libtorrent reads files through mmap, whose
# pages are not the connection's) per connection. Then the ratios Seedcast/libtorrent; the targets
# are throughput >= 1.0x at CPU per GiB <= 1.0x.
#
# The anchor checks the whole file before it seeds (outside the measurement) rather than starting in
# seed mode, which would hash each piece the first time it is sent and charge that to its CPU.
#
# usage: bench/seeder.sh
#        LEECHERS="1 8" ROUNDS=1 FILE_MIB=1024 LEECH_DIR=/dev/shm bench/seeder.sh
#        TARGETS=libtorrent bench/seeder.sh       (the anchor alone, no jar needed)
#        ANCHOR_PROFILE=high_performance          (libtorrent's high_performance_seed() preset)
#        APP_ENV="SEEDCAST_SEEDER_..."            (extra settings for the application)
#        APP_GC=-XX:+UseZGC                       (the README's production collector; G1 by default here
#                                                  because ZGC's heap use after a collection moves in
#                                                  2 MiB pages, too coarse for a figure per connection)
# needs: a JDK 21+, python3-libtorrent (/usr/bin/python3), curl; a built target/seedcast.jar (built
# here if missing); the application runs as user seedcast when started as root (embedded PostgreSQL).
# On a machine shared with other work: flock /tmp/seedcast-cpu.lock bench/seeder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LEECHERS=${LEECHERS:-"1 8"}; ROUNDS=${ROUNDS:-1}; FILE_MIB=${FILE_MIB:-1024}; TARGETS=${TARGETS:-"libtorrent seedcast"}
LEECH_DIR=${LEECH_DIR:-/dev/shm}; APP_GC=${APP_GC:--XX:+UseG1GC}; ANCHOR_PROFILE=${ANCHOR_PROFILE:-default}; RUN_SECONDS=${RUN_SECONDS:-600}
APP_PORT=18281; TRACKER_PORT=26991; SEED_PORT=26881; ANCHOR_PORT=26882
PY=/usr/bin/python3
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
$PY -c 'import libtorrent' 2>/dev/null || { echo "missing python3-libtorrent (apt-get install python3-libtorrent)"; exit 2; }
command -v curl >/dev/null || { echo "missing curl"; exit 2; }
ours() { [[ " $TARGETS " == *" seedcast "* ]]; }
ours && { [ -f target/seedcast.jar ] || ./mvnw -q -B -DskipTests package; }
WORK=$(mktemp -d /tmp/seedcast-seeder.XXXXXX); chmod 755 "$WORK"; mkdir -p "$WORK/tmp" "$WORK/anchor"
LEECH_ROOT=$(mktemp -d "$LEECH_DIR/seedcast-leechers.XXXXXX")
RUN=(); [ "$(id -u)" = 0 ] && { id seedcast >/dev/null 2>&1 || useradd -m seedcast; chown seedcast "$WORK" "$WORK/tmp"; RUN=(runuser -u seedcast --); }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$LEECH_ROOT"; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

echo "== preparing a ${FILE_MIB} MiB episode"
$PY - "$WORK/episode.mp4" "$FILE_MIB" <<'PY'
import os, sys
with open(sys.argv[1], "wb") as f:
    f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    for _ in range(int(sys.argv[2])): f.write(os.urandom(1 << 20))
PY
chmod 644 "$WORK/episode.mp4"

if ours; then
  "${RUN[@]}" env SERVER_PORT=$APP_PORT SEEDCAST_TRACKER_PORT=$TRACKER_PORT SEEDCAST_DATA_DIR="$WORK/data" \
    SEEDCAST_ADMIN_PASSWORD=bench-password-1 SEEDCAST_PUBLIC_URL=http://127.0.0.1:$APP_PORT \
    SEEDCAST_SEEDER_PORT=$SEED_PORT SEEDCAST_SEEDER_HOST=127.0.0.1 ${APP_ENV:-} \
    "$JAVA" -Xms512m -Xmx512m $APP_GC -Djava.io.tmpdir="$WORK/tmp" -jar target/seedcast.jar > "$WORK/app.log" 2>&1 &
  APP=$!; PIDS+=($APP)
  for _ in $(seq 900); do curl -sf localhost:$APP_PORT/actuator/health >/dev/null && break; sleep 0.1; done
  curl -sf localhost:$APP_PORT/actuator/health >/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
  APP_JVM=$(pgrep -P $APP java || echo $APP)   # runuser forks the JVM
  A=admin:bench-password-1
  curl -sf -u $A -H 'Content-Type: application/json' -d '{"slug":"bench","title":"Bench","torrentFormat":"v1"}' \
    localhost:$APP_PORT/api/shows >/dev/null
  $PY bench/tus-upload.py "$WORK/episode.mp4" --show bench --url http://localhost:$APP_PORT --user $A --chunk-mib 256 >/dev/null
  ID=$(curl -sf -u $A localhost:$APP_PORT/api/shows/bench/episodes | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  curl -sf -u $A -X POST localhost:$APP_PORT/api/episodes/$ID/publish > "$WORK/episode.json"
  TORRENT_URL=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["torrentUrl"])' "$WORK/episode.json")
  curl -sf -o "$WORK/full.torrent" "$TORRENT_URL"
else
  $PY bench/lt_create.py "$WORK/episode.mp4" "$WORK/full.torrent" $((1 << 20)) v1
fi
$PY bench/lt_seeder.py strip "$WORK/full.torrent" "$WORK/episode.torrent"
NAME=$($PY -c 'import libtorrent as lt,sys; print(lt.torrent_info(sys.argv[1]).name())' "$WORK/episode.torrent")
PIECE=$($PY -c 'import libtorrent as lt,sys; print(lt.torrent_info(sys.argv[1]).piece_length())' "$WORK/episode.torrent")
ln "$WORK/episode.mp4" "$WORK/anchor/$NAME"
echo "== torrent: $NAME, $((PIECE / 1024)) KiB pieces, no web seed, no tracker"

if [[ " $TARGETS " == *" libtorrent "* ]]; then
  $PY bench/lt_seeder.py seed "$WORK/episode.torrent" "$WORK/anchor" $ANCHOR_PORT $((RUN_SECONDS * 4)) "$ANCHOR_PROFILE" > "$WORK/anchor.log" 2>&1 &
  ANCHOR=$!; PIDS+=($ANCHOR)
  for _ in $(seq 600); do grep -q ready "$WORK/anchor.log" && break; sleep 0.2; done
  grep -q ready "$WORK/anchor.log" || { cat "$WORK/anchor.log"; exit 1; }
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
anon_kib() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status"; }
heap_kib() {   # KiB used right after a full collection
  "${RUN[@]}" "$JCMD" "$1" GC.run >/dev/null 2>&1
  "${RUN[@]}" "$JCMD" "$1" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+[KMG]' | head -1 \
    | awk '{v=$2; u=substr(v,length(v)); n=substr(v,1,length(v)-1); print (u=="G"? n*1048576 : u=="M"? n*1024 : n)}'
}
memory_kib() { if [ "$1" = seedcast ]; then heap_kib "$2"; else anon_kib "$2"; fi; }
TICKS=$(getconf CLK_TCK)

measure() { # target leechers round -> one line of figures in $WORK/results
  local target=$1 n=$2 round=$3 pid port
  if [ "$target" = seedcast ]; then pid=$APP_JVM; port=$SEED_PORT; else pid=$ANCHOR; port=$ANCHOR_PORT; fi
  rm -rf "$LEECH_ROOT"/*; rm -f "$WORK/mark"
  local before_mem; before_mem=$(memory_kib "$target" "$pid")
  local before_cpu; before_cpu=$(cpu_ticks "$pid")
  $PY bench/lt_seeder.py leech "$WORK/episode.torrent" 127.0.0.1:$port "$n" "$LEECH_ROOT" $RUN_SECONDS "$WORK/mark" \
    > "$WORK/leech.json" &
  local leech=$! during_mem=""
  while kill -0 $leech 2>/dev/null; do
    if [ -z "$during_mem" ] && [ -f "$WORK/mark" ]; then during_mem=$(memory_kib "$target" "$pid"); fi
    sleep 0.2
  done
  wait $leech || true
  local after_cpu; after_cpu=$(cpu_ticks "$pid")
  $PY - "$WORK/leech.json" "$target" "$n" "$round" "$(( after_cpu - before_cpu ))" "$TICKS" "$before_mem" "${during_mem:-$before_mem}" <<'PY' | tee -a "$WORK/results"
import json, sys
r = json.load(open(sys.argv[1]))
target, n, rnd, ticks, hz, before, during = sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
cpu = ticks / hz
gib = r["payload_received"] / (1 << 30)
print(json.dumps({"target": target, "leechers": n, "round": rnd, "completed": r["completed"],
                  "mb_s": round(r["payload_received"] / r["seconds"] / 1e6, 1), "seconds": r["seconds"],
                  "cpu_s_per_gib": round(cpu / gib, 3) if gib else None,
                  "kib_per_connection": round((during - before) / n, 1)}))
PY
  rm -rf "$LEECH_ROOT"/*
}

: > "$WORK/results"
for round in $(seq "$ROUNDS"); do
  for n in $LEECHERS; do
    for target in $TARGETS; do
      echo "== round $round: $n leecher(s) from $target"
      measure "$target" "$n" "$round"
    done
  done
done
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

$PY - "$WORK/results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
def median(target, n, key):
    values = [r[key] for r in rows if r["target"] == target and r["leechers"] == n and r[key] is not None]
    return statistics.median(values) if values else None
print(f"{'leechers':>8} {'seed':>10} {'MB/s':>8} {'CPU s/GiB':>10} {'KiB/conn':>9} {'complete':>8}")
for n in sorted({r["leechers"] for r in rows}):
    for target in ("seedcast", "libtorrent"):
        done = [r["completed"] for r in rows if r["target"] == target and r["leechers"] == n]
        if not done:
            continue
        print(f"{n:>8} {target:>10} {median(target, n, 'mb_s'):>8.1f} {median(target, n, 'cpu_s_per_gib'):>10.3f} "
              f"{median(target, n, 'kib_per_connection'):>9.1f} {str(all(done)):>8}")
    ours, theirs = median("seedcast", n, "mb_s"), median("libtorrent", n, "mb_s")
    if ours and theirs:
        cpu = median("seedcast", n, "cpu_s_per_gib") / median("libtorrent", n, "cpu_s_per_gib")
        print(f"{n:>8} {'ratio':>10} {ours / theirs:>7.2f}x {cpu:>9.2f}x   (targets: throughput >= 1.00x, CPU/GiB <= 1.00x)")
PY
