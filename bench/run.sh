#!/usr/bin/env bash
# Seedcast's tracker against opentracker, same machine, same load, same run.
# Both get the same 1,000 known info-hashes (opentracker as a whitelist); the load generators
# (wrk + bench/announce.lua for HTTP, bench/UdpLoad.java for BEP 15) hit each in turn, several
# alternating rounds, and the median of each is printed with the ratio.
#
# usage: bench/run.sh [SECONDS_PER_ROUND=5] [ROUNDS=3]
#        SCENARIOS="udp:known udp:foreign" bench/run.sh     (a subset; default all six)
#        VERSUS=DIR bench/run.sh   (the anchor is Seedcast itself with the classes in DIR first on
#                                   its class path, e.g. an older build of a class: new against old)
# HTTP runs twice: with one wrk thread ("http"), which takes a whole core here, so requests/s mostly
# measure wrk (the tracker's CPU per request is the comparison that tells), and with two ("http-2"),
# which saturate the machine: requests/s then show what each tracker leaves to the load generator.
# needs: a JDK (JAVA_HOME or java on PATH), wrk, opentracker (Debian: it refuses root, so it runs
# with -u nobody in a chroot directory it can read). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_ROUND=${1:-5}
ROUNDS=${2:-3}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUR_PORT=26969
OT_PORT=16969
WORK=$(mktemp -d /tmp/seedcast-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

ANCHOR=opentracker
[ -n "${VERSUS:-}" ] && ANCHOR=before
for tool in wrk $([ "$ANCHOR" = opentracker ] && echo opentracker); do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done

python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
open(f"{w}/known.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(1000)))
open(f"{w}/foreign.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(1000)))
PY
chmod 644 "$WORK"/*.txt

echo "building the tracker (test classes include the standalone launcher)..."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null

seedcast() { # port log [classes put first]
  "$JAVA" -Xms256m -Xmx512m ${TRACKER_OPTS:-} -cp "${3:+$3:}target/test-classes:target/classes:$(cat "$WORK/cp.txt")" \
    org.seedcast.tracker.bench.StandaloneTracker "$1" "$WORK/known.txt" 127.0.0.0/8 > "$2" 2>&1 &
}
started() { # log
  for _ in $(seq 1 50); do grep -qs "seedcast tracker on port" "$1" && break; sleep 0.2; done
  grep -o "seedcast tracker on port.*" "$1" || { echo "bench: the tracker did not start" >&2; cat "$1" >&2; exit 1; }
}
seedcast $OUR_PORT "$WORK/seedcast.log"
OUR_PID=$!
PIDS+=($OUR_PID)
if [ "$ANCHOR" = opentracker ]; then
  opentracker -i 127.0.0.1 -p $OT_PORT -P $OT_PORT -d "$WORK" -u nobody -w known.txt > "$WORK/opentracker.log" 2>&1 &
else
  seedcast $OT_PORT "$WORK/before.log" "$VERSUS"
fi
OT_PID=$!
PIDS+=($OT_PID)
started "$WORK/seedcast.log"
[ "$ANCHOR" = opentracker ] || started "$WORK/before.log"

# each prints: requests/s, p99 ms, and the tracker's CPU time (user + system) per answered request in µs.
# wrk's single thread saturates one core before either tracker does, so requests/s mostly measures
# wrk; the CPU per request is what the tracker itself spends, and the stabler comparison.
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
per_request() { # start_ticks end_ticks requests
  awk -v a="$1" -v b="$2" -v n="$3" -v t="$TICK" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) / t * 1e6 / n : 0) }'
}
# measure PID COMMAND...: runs a load generator whose last line reads "...: R req/s, ... p99 P ms,
# N answered|requests, ..." and prints R, P and PID's CPU µs per answered request
measure() {
  local pid=$1 before; shift; before=$(cpu_ticks "$pid")
  "$@" | tail -1 | sed -E 's/^[a-z ]+: ([0-9]+) req\/s.*p99 ([0-9.]+) ms, ([0-9]+) [a-z]+.*/\1 \2 \3/' \
    | { read -r r p n; echo "$r $p $(per_request "$before" "$(cpu_ticks "$pid")" "$n")"; }
}
http() { measure "$3" wrk -t"${4:-1}" -c32 -d"${SECONDS_PER_ROUND}s" -s bench/announce.lua "http://127.0.0.1:$1" -- "$2"; } # port hash_file pid [wrk_threads]
http-2() { http "$@" 2; }
udp() { measure "$3" "$JAVA" bench/UdpLoad.java 127.0.0.1 "$1" "$2" "$SECONDS_PER_ROUND" 1 32; }            # port hash_file pid
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "warming up the JVM (the JIT compiles the hot paths during the first seconds)..."
for _ in 1 2 3; do
  for list in known foreign; do
    http $OUR_PORT "$WORK/$list.txt" "$OUR_PID" >/dev/null; udp $OUR_PORT "$WORK/$list.txt" "$OUR_PID" >/dev/null
    if [ "$ANCHOR" != opentracker ]; then
      http $OT_PORT "$WORK/$list.txt" "$OT_PID" >/dev/null; udp $OT_PORT "$WORK/$list.txt" "$OT_PID" >/dev/null
    fi
  done
done

printf "\n%-32s %12s %12s %8s   %-34s %s\n" "scenario" "seedcast/s" "$ANCHOR/s" "ratio" "p99 ms (seedcast / $ANCHOR)" \
  "CPU µs per request (seedcast / $ANCHOR)"
for scenario in ${SCENARIOS:-http:known http:foreign http-2:known http-2:foreign udp:known udp:foreign}; do
  set -- ${scenario/:/ }
  ours=(); theirs=(); ours99=(); theirs99=(); ourscpu=(); theirscpu=()
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r p c < <($1 $OUR_PORT "$WORK/$2.txt" "$OUR_PID"); ours+=("$r"); ours99+=("$p"); ourscpu+=("$c")
    read -r r p c < <($1 $OT_PORT "$WORK/$2.txt" "$OT_PID"); theirs+=("$r"); theirs99+=("$p"); theirscpu+=("$c")
  done
  o=$(printf "%s\n" "${ours[@]}" | median); t=$(printf "%s\n" "${theirs[@]}" | median)
  o99=$(printf "%s\n" "${ours99[@]}" | median); t99=$(printf "%s\n" "${theirs99[@]}" | median)
  oc=$(printf "%s\n" "${ourscpu[@]}" | median); tc=$(printf "%s\n" "${theirscpu[@]}" | median)
  label="$1 announce, $2"; [ "$1" = http-2 ] && label="http announce, $2, wrk -t2"
  printf "%-32s %12s %12s %8.2f   %-34s %s / %s (%.2f)\n" "$label" "$o" "$t" "$(echo "$o / $t" | bc -l)" \
    "$o99 / $t99" "$oc" "$tc" "$(echo "$oc / $tc" | bc -l)"
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (other work on the machine skews both alike)"
