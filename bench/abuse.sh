#!/usr/bin/env bash
# The attack family, measured: the whole application (target/seedcast.jar) with the README's
# production heap, a published episode, 1,000 legitimate peers announcing it (bench/LegitSwarm.java,
# half UDP, half HTTP, each from its own loopback address 127.0.1.1 and up) and a fan loading the show
# page and its feed every 100 ms from 127.0.0.3 (bench/PageProbe.java), while one attack shape after
# the other runs for a bounded time. The tracker shapes run against opentracker too, in the same run.
#
# One row per shape: the attack rate achieved, legitimate announce p50/p99/failures per transport,
# page p99/failures, heap after a full GC, the most file descriptors the application held, the bytes
# anonymous requests made it write (its temporary directory, where Tomcat spools request bodies, and
# the media and upload directories), and whether the issue's targets held: 0 legitimate failures,
# announce p99 <= 10 ms on both transports, page p99 <= 100 ms, heap after GC <= 256 MB, 0 bytes written;
# and, our own target for the publisher's seed, a leecher's handshake with it (bench/SeedProbe.java, every
# 100 ms from 127.0.0.4) answered every time, p99 <= 100 ms as for a page;
# and the cores the target and the whole machine used meanwhile, since the attackers share those cores.
# The first shape, "none", is the legitimate load alone: the floor every other row compares with.
#
# web-slow-1 and web-slow-1000 are slow-1 and slow-1000 against the web port: one address holding 20,000
# connections that trickle their request heads, then 1,000 addresses holding 20 each. seed-slow-1 and
# seed-slow-1000 do the same to the seed's port with BitTorrent handshakes, and seed-mse opens encrypted
# handshakes (a Diffie-Hellman exchange each for the seed) from 16 addresses, 64 at a time.
#
# Loopback only; every shape stops by itself after ATTACK seconds (SECONDS + 10, at most 30 by default).
#
# usage: bench/abuse.sh [SECONDS=20]       (the legitimate measurement window per shape)
#        SHAPES="slow-1 bombs" bench/abuse.sh    (a subset; names below)
#        OPENTRACKER=0 bench/abuse.sh            (skip opentracker's rows)
#        APP_ENV="SEEDCAST_TRACKER_TARPIT=0" bench/abuse.sh   (extra settings for the application)
#        APP_JAVA_OPTS="-Xlog:gc:file=/tmp/gc.log" bench/abuse.sh   (more options for the application's JVM, which
#                                                 runs with the README's: -Xms512m -Xmx512m -XX:+UseZGC -XX:ThreadPriorityPolicy=1)
#        ATTACKER_CPUS=all bench/abuse.sh        (attackers on every core; default: the last core only)
#        ATTACKER_NICE=19 bench/abuse.sh         (attackers yield their core to the target; default 0)
#        WARMUP=0 bench/abuse.sh                 (seconds of unmeasured legitimate load first; default 20)
#        LATENCIES=/tmp/lat bench/abuse.sh       (every legitimate announce, when it began and how long it took,
#                                                 in /tmp/lat/TARGET-SHAPE.txt: see bench/LegitSwarm.java)
#        ATTACK_LEAD=0 bench/abuse.sh            (seconds each attack runs before the legitimate load starts,
#                                                 so the attacker's JVM start is not measured; default 3)
#        PHASES=1 bench/abuse.sh                 (root: after each Seedcast row, where legitimate HTTP
#                                                 announces spent their time, from kernel tracepoints
#                                                 (see bench/http_phases.py), and the CPU the tracker's
#                                                 HTTP event loops used, per connection the server shed)
# needs: a JDK 21+, wrk, opentracker, hping3 (for the SYN flood; root), python3, curl; root to raise
# the descriptor limit (20,000 connections) and to run hping3; the application runs as user seedcast.
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-20}
ATTACK=$((WINDOW + 10))
ATTACK_LEAD=${ATTACK_LEAD:-3}   # seconds the attack runs before the legitimate load starts
ALL_SHAPES="none foreign slow-1 slow-1000 syn spoof basic pages variants media-misses bombs multipart slowpost peers web-slow-1 web-slow-1000 seed-slow-1 seed-slow-1000 seed-mse"
SHAPES=${SHAPES:-$ALL_SHAPES}
TRACKER_SHAPES=" none foreign slow-1 slow-1000 syn spoof peers "
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
APP_PORT=${APP_PORT:-18181}; TRACKER_PORT=${TRACKER_PORT:-26981}; SEED_PORT=${SEED_PORT:-26881}; OT_PORT=${OT_PORT:-16981}   # others: when another run holds these
# A real attacker's processes run on its own machines. Here they share the target's cores, so they
# are confined to one core (the last) unless ATTACKER_CPUS says otherwise: the target, the legitimate
# clients and the kernel keep the others, and what the attack costs the target is what is measured.
LAST_CPU=$(( $(nproc) - 1 ))
ATTACKER_CPUS=${ATTACKER_CPUS:-$LAST_CPU}
PIN=(); [ "$ATTACKER_CPUS" != all ] && [ "$LAST_CPU" -gt 0 ] && PIN=(taskset -c "$ATTACKER_CPUS")
# On a machine this small the shared core still lets an attacker take CPU time the target needs. A
# niced attacker only runs when the target and its clients wait, which is closer to attackers on
# machines of their own; its attack rate is printed either way, so a weaker attack shows.
ATTACKER_NICE=${ATTACKER_NICE:-0}
[ "$ATTACKER_NICE" != 0 ] && PIN=(nice -n "$ATTACKER_NICE" "${PIN[@]}")
[ -f target/seedcast.jar ] || ./mvnw -q -B -DskipTests package
ulimit -n "$(ulimit -Hn)"   # the slow-connection shapes hold 20,000 sockets (two attacker processes)
[ -n "${LATENCIES:-}" ] && mkdir -p "$LATENCIES"
WORK=$(mktemp -d /tmp/seedcast-abuse.XXXXXX); chmod 755 "$WORK"; mkdir -p "$WORK/tmp" "$WORK/out"
RUN=(); [ "$(id -u)" = 0 ] && { id seedcast >/dev/null 2>&1 || useradd -m seedcast; chown seedcast "$WORK" "$WORK/tmp"; RUN=(runuser -u seedcast --); }
PIDS=()
ATTACKER=""   # the running shape's attacker, while it runs
cleanup() { for p in "${PIDS[@]}" $ATTACKER; do kill "$p" 2>/dev/null || true; done; phases_stop >/dev/null 2>&1 || true; sleep 2; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
open(f"{w}/foreign.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(100000)))
with open(f"{w}/episode.mp4", "wb") as f:
    f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(4 << 20))
PY
chmod 644 "$WORK"/*.txt "$WORK"/*.mp4

# Every client here connects from loopback, which the web port takes for a proxy's address by default
# (no per-address connection limit): SEEDCAST_WEB_PROXIES=none makes the attackers' loopback addresses stand
# for the public addresses they would have.
"${RUN[@]}" env SERVER_PORT=$APP_PORT SEEDCAST_TRACKER_PORT=$TRACKER_PORT SEEDCAST_SEEDER_PORT=$SEED_PORT SEEDCAST_DATA_DIR="$WORK/data" \
  SEEDCAST_WEB_PROXIES=none SEEDCAST_ADMIN_PASSWORD=bench-password-1 SEEDCAST_PUBLIC_URL=http://127.0.0.1:$APP_PORT ${APP_ENV:-} \
  "$JAVA" -Xms512m -Xmx512m -XX:+UseZGC -XX:ThreadPriorityPolicy=1 ${APP_JAVA_OPTS:-} -Djava.io.tmpdir="$WORK/tmp" -jar target/seedcast.jar > "$WORK/app.log" 2>&1 &
APP=$!; PIDS+=($APP)
for _ in $(seq 900); do curl -sf localhost:$APP_PORT/actuator/health >/dev/null && break; sleep 0.1; done
curl -sf localhost:$APP_PORT/actuator/health >/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
APP_JVM=$(pgrep -P $APP java || echo $APP)   # runuser forks the JVM
A=admin:bench-password-1
curl -sf -u $A -H 'Content-Type: application/json' -d '{"slug":"abuse-show","title":"Abuse test"}' localhost:$APP_PORT/api/shows >/dev/null
ID=$(curl -sf -u $A -F title=Episode -F file=@"$WORK/episode.mp4" localhost:$APP_PORT/api/shows/abuse-show/episodes | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
HASH=$(curl -sf -u $A -X POST localhost:$APP_PORT/api/episodes/$ID/publish | python3 -c 'import json,sys; print(json.load(sys.stdin)["infoHash"])')
echo "== application up, published $HASH; ${WINDOW}s measured per shape, attacks run ${ATTACK}s"

if [ "${OPENTRACKER:-1}" != 0 ]; then
  echo "$HASH" > "$WORK/whitelist.txt"; chmod 644 "$WORK/whitelist.txt"
  opentracker -i 127.0.0.1 -p $OT_PORT -P $OT_PORT -d "$WORK" -u nobody -w whitelist.txt > "$WORK/opentracker.log" 2>&1 &
  OT=$!; PIDS+=($OT)
fi

# The Java clients and attackers are compiled once here: launched from source, each JVM would first
# compile its file (about 2 s of CPU), which a real attacker spends on its own machine, not ours.
for name in Abuse UdpLoad LegitSwarm PageProbe SeedProbe; do
  mkdir -p "$WORK/classes/$name"; "$JAVA"c -nowarn -d "$WORK/classes/$name" bench/$name.java
done
chmod -R a+rX "$WORK/classes"
bench_java() { local name=$1; shift; "$JAVA" -cp "$WORK/classes/$name" "$name" "$@"; }

heap_after_gc() {   # MB used right after a full collection
  timeout 60 "${RUN[@]}" "$JCMD" "$APP_JVM" GC.run >/dev/null 2>&1 || true
  timeout 30 "${RUN[@]}" "$JCMD" "$APP_JVM" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+[KMG]' | head -1 | awk '{v=$2; u=substr(v,length(v)); n=substr(v,1,length(v)-1); print (u=="G"? n*1024 : u=="K"? int(n/1024) : n)}'
}
# the tracker's HTTP event loop threads (PHASES=1): their CPU in clock ticks, whatever else runs in the JVM
HTTP_LOOPS=""
[ "${PHASES:-0}" = 1 ] && HTTP_LOOPS=$(timeout 30 "${RUN[@]}" "$JCMD" "$APP_JVM" Thread.print 2>/dev/null \
  | sed -nE 's/^"seedcast-tracker-http[^"]*" #[0-9]+ \[([0-9]+)\].*/\1/p' | tr '\n' ' ' || true)
loops_cpu() { local s=0 t; for t in $HTTP_LOOPS; do s=$((s + $(awk '{print $14 + $15}' /proc/"$APP_JVM"/task/"$t"/stat 2>/dev/null || echo 0))); done; echo $s; }
written_bytes() { du -sb "$WORK/tmp" "$WORK/data/media" "$WORK/data/uploads" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }

# sample PID: the most descriptors PID held and the most bytes written under the watched directories
sample() {
  local pid=$1 out=$2 base fds max_fds=0 max_written=0
  base=$(written_bytes)
  while [ -e "$out.run" ]; do
    fds=$(ls /proc/"$pid"/fd 2>/dev/null | wc -l); [ "$fds" -gt "$max_fds" ] && max_fds=$fds
    w=$(( $(written_bytes) - base )); [ "$w" -gt "$max_written" ] && max_written=$w
    sleep 1
  done
  echo "$max_fds $max_written" > "$out"
}

two() { "$@" > "$WORK/out/second" 2>&1 & local second=$!; "$@"; wait $second || true; cat "$WORK/out/second"; }
# thousand MODE PORT: Abuse MODE from 1,000 addresses holding 20 connections each, in two processes
thousand() {
  bench_java Abuse "$1" 127.0.0.1 "$2" 500 20 $ATTACK 500 > "$WORK/out/second" 2>&1 & local second=$!
  bench_java Abuse "$1" 127.0.0.1 "$2" 500 20 $ATTACK 0; wait $second || true; cat "$WORK/out/second"
}

attack() {   # attack SHAPE PORT: runs the shape against the tracker port (and the app port)
  local shape=$1 port=$2
  case $shape in
    none) echo "attack: none (the legitimate load alone: the floor the other rows compare with)"; sleep $ATTACK ;;
    foreign)
      wrk -t1 -c64 -d${ATTACK}s -s bench/announce.lua "http://127.0.0.1:$port" -- "$WORK/foreign.txt" > "$WORK/out/wrk" 2>&1 &
      local w=$!
      FLOOD=1 bench_java UdpLoad 127.0.0.1 "$port" "$WORK/foreign.txt" $ATTACK 1 1 > "$WORK/out/udp" 2>&1 || true
      wait $w || true
      echo "attack: HTTP $(tail -1 "$WORK/out/wrk" | sed 's/^http: //'); UDP $(tail -1 "$WORK/out/udp" | sed 's/^udp flood: //')" ;;
    # two attacker processes of 10,000 connections each: a process may hold at most 20,000 descriptors here
    slow-1) two bench_java Abuse slow 127.0.0.1 "$port" 1 10000 $ATTACK ;;
    slow-1000) thousand slow "$port" ;;
    syn)
      if ! command -v hping3 >/dev/null; then echo "attack: skipped (hping3 missing: apt-get install hping3)"; return; fi
      local sent
      sent=$(timeout $ATTACK hping3 -S -p "$port" -a 127.0.0.9 --flood 127.0.0.1 2>&1 | grep -oE '^[0-9]+ packets transmitted' | grep -oE '^[0-9]+' || true)
      echo "attack: SYN flood from 127.0.0.9: $(( ${sent:-0} / ATTACK )) SYN/s" ;;
    spoof) bench_java Abuse spoof 127.0.1.1,127.0.1.2,127.0.1.3,127.0.1.4 127.0.0.1 "$port" $ATTACK ;;
    peers) bench_java Abuse peers 127.0.0.1 "$port" "$HASH" 10000 $ATTACK ;;
    basic) wrk -t1 -c32 -d${ATTACK}s -H 'Authorization: Basic YWRtaW46d3Jvbmc=' -s bench/paths.lua \
             "http://127.0.0.1:$APP_PORT" -- /css/seedcast.css /img/logo.svg 2>&1 | grep '^attack:' ;;
    pages) wrk -t1 -c64 -d${ATTACK}s -s bench/paths.lua "http://127.0.0.1:$APP_PORT" -- / /shows/abuse-show \
             "/shows/abuse-show/episodes/$ID" /login /verify /feeds/all.xml /no-such-page 2>&1 | grep '^attack:' ;;
    variants) wrk -t1 -c32 -d${ATTACK}s -s bench/paths.lua "http://127.0.0.1:$APP_PORT" -- variants abuse-show 2>&1 | grep '^attack:' ;;
    media-misses) wrk -t1 -c32 -d${ATTACK}s -s bench/paths.lua "http://127.0.0.1:$APP_PORT" -- misses 2>&1 | grep '^attack:' ;;
    bombs) bench_java Abuse bombs 127.0.0.1 $APP_PORT 12 $ATTACK ;;
    multipart) bench_java Abuse multipart 127.0.0.1 $APP_PORT /,/verify,/api/shows/abuse-show/episodes,/login 1024 4 $ATTACK ;;
    slowpost) bench_java Abuse slowpost 127.0.0.1 $APP_PORT /verify 400 $ATTACK ;;
    # the slowloris shapes against the web port (Tomcat) instead of the tracker's
    web-slow-1) two bench_java Abuse slow 127.0.0.1 $APP_PORT 1 10000 $ATTACK ;;
    web-slow-1000) thousand slow $APP_PORT ;;
    # the same against the seed's port, trickling BitTorrent handshakes; then encrypted handshakes, the seed's
    # costliest answer to a stranger (a Diffie-Hellman exchange), from 16 addresses, 64 connections at once
    seed-slow-1) two bench_java Abuse slowpeer 127.0.0.1 $SEED_PORT 1 10000 $ATTACK ;;
    seed-slow-1000) thousand slowpeer $SEED_PORT ;;
    seed-mse) bench_java Abuse mse 127.0.0.1 $SEED_PORT 16 64 $ATTACK ;;
  esac
}

# the legitimate load: legit_swarm PORT SECONDS (1,000 peers, each announcing every 20 s) and
# page_reader SECONDS (the show page and its feed every 100 ms)
legit_swarm() { bench_java LegitSwarm 127.0.0.1 "$1" "$HASH" "$2" 1000 20; }
page_reader() { bench_java PageProbe 127.0.0.3 127.0.0.1 $APP_PORT "$1" 100 /shows/abuse-show /shows/abuse-show/feed.xml; }
# seed_visitor SECONDS: a leecher's handshake with the seed every 100 ms, each on a new connection
seed_visitor() { bench_java SeedProbe 127.0.0.4 127.0.0.1 $SEED_PORT "$HASH" "$1" 100; }

# CPU time in clock ticks: of one process (all its threads), and of the whole machine's busy states
cpu_of() { awk '{print $14 + $15}' /proc/"$1"/stat 2>/dev/null || echo 0; }
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# the kernel's view of the tracker port's connections while a shape's legitimate load runs (PHASES=1):
# whether a legitimate connection waits in the accept queue, for the event loop, or in its client
TRACE=/sys/kernel/tracing/instances/seedcast-abuse-$$
if [ "${PHASES:-0}" = 1 ] && [ ! -d /sys/kernel/tracing/instances ]; then
  # a machine that boots without tracefs mounted would otherwise print no phases at all
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || echo "PHASES=1: no tracefs at /sys/kernel/tracing (root needed): no phases" >&2
fi
phases_start() {
  [ "${PHASES:-0}" = 1 ] && mkdir "$TRACE" 2>/dev/null || return 0
  echo 32768 > "$TRACE/buffer_size_kb"; echo mono > "$TRACE/trace_clock"
  echo "sport == $TRACKER_PORT || dport == $TRACKER_PORT" > "$TRACE/events/sock/inet_sock_set_state/filter"
  echo "sport == $TRACKER_PORT" > "$TRACE/events/tcp/tcp_rcv_space_adjust/filter"
  echo 1 > "$TRACE/events/sock/inet_sock_set_state/enable"; echo 1 > "$TRACE/events/tcp/tcp_rcv_space_adjust/enable"
  cat "$TRACE/trace_pipe" > "$1" &
  TRACER=$!
}
phases_stop() {   # phases_stop [TRACE_FILE]: without a file, only removes the tracing instance
  [ -d "$TRACE" ] || return 0
  echo 0 > "$TRACE/events/sock/inet_sock_set_state/enable"; echo 0 > "$TRACE/events/tcp/tcp_rcv_space_adjust/enable"
  sleep 1; kill "$TRACER" 2>/dev/null || true; wait "$TRACER" 2>/dev/null || true; rmdir "$TRACE" || true
  [ -n "${1:-}" ] || return 0
  python3 bench/http_phases.py "$1" $TRACKER_PORT || true; rm -f "$1"
}

# measure TARGET SHAPE: one row; TARGET is seedcast or opentracker
measure() {
  local target=$1 shape=$2 port=$TRACKER_PORT pid=$APP_JVM out="$WORK/out/$1-$2"
  [ "$target" = opentracker ] && { port=$OT_PORT; pid=$OT; }
  touch "$out.samples.run"
  [ "$target" = seedcast ] && phases_start "$out.trace"
  sample "$pid" "$out.samples" &
  local sampler=$!
  local cpu0 busy0 t0 loops0
  cpu0=$(cpu_of "$pid"); busy0=$(busy); t0=$(date +%s.%N); loops0=$(loops_cpu)
  timeout $((ATTACK + 60)) "${PIN[@]}" bash -c "$(declare -f attack two thousand bench_java); $(declare -p WORK JAVA ATTACK APP_PORT SEED_PORT HASH ID); attack $shape $port" > "$out.attack" 2>&1 &
  ATTACKER=$!   # stopped by cleanup if the run is interrupted
  # the attacker's JVM starts before the measured window: its start-up is this harness's, not the attack's
  sleep "$ATTACK_LEAD"
  LATENCY_LOG=${LATENCIES:+$LATENCIES/$target-$shape.txt} legit_swarm "$port" "$WINDOW" > "$out.legit" 2>&1 &
  local legit=$!
  local probe="" visitor=""
  if [ "$target" = seedcast ]; then
    page_reader $((WINDOW + 5)) > "$out.pages" 2>&1 &
    probe=$!
    seed_visitor $((WINDOW + 5)) > "$out.seed" 2>&1 &
    visitor=$!
  fi
  wait $ATTACKER || true
  ATTACKER=""   # its PID may be another process's by the time cleanup runs
  # cores used on average while the shape ran: by the target, and by everything (attackers, clients, kernel)
  echo "$(cpu_of "$pid") $cpu0 $(busy) $busy0 $(date +%s.%N) $t0 $(getconf CLK_TCK)" \
    | awk '{w = $5 - $6; printf "%.2f %.2f\n", ($1 - $2) / $7 / w, ($3 - $4) / $7 / w}' > "$out.cpu"
  wait $legit || true
  [ "$target" = seedcast ] && phases_stop "$out.trace" > "$out.phases"
  if [ "$target" = seedcast ] && [ -n "$HTTP_LOOPS" ]; then
    local ms shed
    ms=$(( ($(loops_cpu) - loops0) * 1000 / $(getconf CLK_TCK) ))
    shed=$({ grep -oE '[0-9]+ closed by the server' "$out.attack" || true; } | awk '{s += $1} END {print s + 0}')   # both attacker processes
    echo "  HTTP event loops: $ms ms of CPU while the shape ran$([ "${shed:-0}" -gt 0 ] && echo "; $(( ms * 1000 / shed )) us per connection the server shed ($shed)")" >> "$out.phases"
  fi
  [ -n "$probe" ] && { wait $probe || true; wait $visitor || true; }
  rm -f "$out.samples.run"; wait $sampler || true
  local heap="-"
  [ "$target" = seedcast ] && heap=$(heap_after_gc)
  [ "$target" = opentracker ] && heap="rss $(( $(ps -o rss= -p $OT) / 1024 ))"
  python3 bench/abuse_row.py "$target" "$shape" "$out" "${heap:-?}" | tee -a "$WORK/table.md"
  [ -s "$out.phases" ] && sed "s/^/    $shape: /" "$out.phases" >> "$WORK/phases.txt"
  sleep 3   # let closed connections and held answers drain before the next shape
}

# A tracker under attack has been serving its swarm for a while: its JVM has compiled the hot code.
# The legitimate load runs once unmeasured first, so the first row's floor is not the JIT's start-up.
if [ "${WARMUP:-20}" -gt 0 ]; then
  echo "== warm-up: ${WARMUP:-20}s of the legitimate load, not measured"
  legit_swarm $TRACKER_PORT "${WARMUP:-20}" > "$WORK/out/warmup.legit" 2>&1 &
  warm=$!
  seed_visitor "${WARMUP:-20}" > "$WORK/out/warmup.seed" 2>&1 &
  visit=$!
  page_reader "${WARMUP:-20}" > "$WORK/out/warmup.pages" 2>&1 || true
  wait $warm $visit || true
  sleep 3
fi

printf '| shape | target | attack | legit UDP p50/p99/fail | legit HTTP p50/p99/fail | pages p99/fail | seed p99/fail | heap after GC MB | peak fds | written by anonymous | cores: target / all | targets |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n' | tee "$WORK/table.md"
for shape in $SHAPES; do
  measure seedcast "$shape"
  if [ "${OPENTRACKER:-1}" != 0 ] && [[ $TRACKER_SHAPES == *" $shape "* ]]; then
    measure opentracker "$shape"
  fi
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); attackers on cores: ${ATTACKER_CPUS}; the legitimate clients and the application on all"
echo "OutOfMemoryError lines in the application log: $(grep -c OutOfMemoryError "$WORK/app.log" || true)"
if [ -s "$WORK/phases.txt" ]; then echo; cat "$WORK/phases.txt"; fi
