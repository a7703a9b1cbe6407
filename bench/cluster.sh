#!/usr/bin/env bash
# The tracker cluster on this machine: two clustered trackers (Hazelcast members on loopback) and one
# standalone tracker, started from the test classes as plain processes.
#  1. latency: a peer announced on node A, polled on node B until B returns it (bench/ClusterLatency.java,
#     BEP 15 over UDP; B also accepts A's connection ids, or the probe fails)
#  2. throughput: bench/run.sh's load (UDP: bench/UdpLoad.java; HTTP: wrk + bench/announce.lua) against
#     node A of the cluster and against the standalone tracker, alternating rounds, medians and ratio.
#     "known" is run.sh's scenario (one loopback address, random ports: after the first eight ports per
#     swarm newcomers are refused, so little is replicated); "joins" lets an address hold any number of
#     ports (-Dseedcast.bench.max-ports-per-address), so every announce is a join that node A sends to B.
#
# usage: bench/cluster.sh [SECONDS_PER_ROUND=5] [ROUNDS=3] [LATENCY_TRIALS=200]
#        SCENARIOS="udp:known udp:joins http:known http:joins" (default all four)
# needs: a JDK, wrk (HTTP scenarios only). Loopback only.
#
# bench/cluster.sh topology: the whole topology of docker-compose.cluster.yml (database, bucket, two
# web nodes behind nginx, two tracker nodes, a seed) as processes, and its failures: see
# bench/cluster-topology.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = topology ] && { shift; exec bench/cluster-topology.sh "$@"; }
SECONDS_PER_ROUND=${1:-5}
ROUNDS=${2:-3}
TRIALS=${3:-200}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
A_PORT=26971; B_PORT=26972; S_PORT=26973; JA_PORT=26981; JB_PORT=26982
WORK=$(mktemp -d /tmp/seedcast-cluster.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

python3 - "$WORK" <<'PY'
import os, sys
open(f"{sys.argv[1]}/known.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(1000)))
PY

echo "building the tracker (test classes include the standalone launcher)..."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"

# start NAME PORT [JVM options...]: a tracker exempting loopback from rate limits, as run.sh's
start() {
  local name=$1 port=$2; shift 2
  "$JAVA" -Xms256m -Xmx512m "$@" ${TRACKER_OPTS:-} -cp "$CP" org.seedcast.tracker.bench.StandaloneTracker "$port" \
    "$WORK/known.txt" 127.0.0.0/8 > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "${name}_PID=$!"
}
await() {
  for _ in $(seq 1 150); do grep -qs "seedcast tracker on port" "$WORK/$1.log" && return; sleep 0.2; done
  echo "bench: $1 did not start" >&2; cat "$WORK/$1.log" >&2; exit 1
}
MEMBERS="127.0.0.1:$JA_PORT,127.0.0.1:$JB_PORT"
# "joins": the same three trackers, started again with no per-address cap
run_set() { # CAP
  local cap=("-Dseedcast.bench.max-ports-per-address=$1")
  start a $A_PORT "${cap[@]}" -Dseedcast.bench.cluster-members=$MEMBERS -Dseedcast.bench.cluster-port=$JA_PORT
  start b $B_PORT "${cap[@]}" -Dseedcast.bench.cluster-members=$MEMBERS -Dseedcast.bench.cluster-port=$JB_PORT
  start s $S_PORT "${cap[@]}"
  await a; await b; await s
}
stop_set() { kill "$a_PID" "$b_PID" "$s_PID"; wait "$a_PID" "$b_PID" "$s_PID" 2>/dev/null || true; }

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
per_request() { awk -v a="$1" -v b="$2" -v n="$3" -v t="$TICK" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) / t * 1e6 / n : 0) }'; }
measure() {
  local pid=$1 before; shift; before=$(cpu_ticks "$pid")
  "$@" | tail -1 | sed -E 's/^[a-z ]+: ([0-9]+) req\/s.*p99 ([0-9.]+) ms, ([0-9]+) [a-z]+.*/\1 \2 \3/' \
    | { read -r r p n; echo "$r $p $(per_request "$before" "$(cpu_ticks "$pid")" "$n")"; }
}
http() { measure "$2" wrk -t1 -c32 -d"${SECONDS_PER_ROUND}s" -s bench/announce.lua "http://127.0.0.1:$1" -- "$WORK/known.txt"; }
udp() { measure "$2" "$JAVA" bench/UdpLoad.java 127.0.0.1 "$1" "$WORK/known.txt" "$SECONDS_PER_ROUND" 1 32; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

compare() { # SCENARIO(http|udp) LABEL
  local node=() alone=() node99=() alone99=() nodecpu=() alonecpu=()
  for _ in 1 2; do $1 $A_PORT "$a_PID" >/dev/null; $1 $S_PORT "$s_PID" >/dev/null; done # warm-up
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r p c < <($1 $A_PORT "$a_PID"); node+=("$r"); node99+=("$p"); nodecpu+=("$c")
    read -r r p c < <($1 $S_PORT "$s_PID"); alone+=("$r"); alone99+=("$p"); alonecpu+=("$c")
  done
  local n s n99 s99 nc sc
  n=$(printf "%s\n" "${node[@]}" | median); s=$(printf "%s\n" "${alone[@]}" | median)
  n99=$(printf "%s\n" "${node99[@]}" | median); s99=$(printf "%s\n" "${alone99[@]}" | median)
  nc=$(printf "%s\n" "${nodecpu[@]}" | median); sc=$(printf "%s\n" "${alonecpu[@]}" | median)
  printf "%-22s %12s %12s %8.2f   %-20s %s / %s\n" "$2" "$n" "$s" "$(echo "$n / $s" | bc -l)" "$n99 / $s99" "$nc" "$sc"
}

run_set 8
grep -ho "tracker cluster member.*" "$WORK/a.log" "$WORK/b.log" || true
echo "latency, node A to node B:"
"$JAVA" bench/ClusterLatency.java 127.0.0.1 $A_PORT $B_PORT "$WORK/known.txt" "$TRIALS"

printf "\n%-22s %12s %12s %8s   %-20s %s\n" "scenario" "node A/s" "standalone/s" "ratio" "p99 ms (A / alone)" \
  "CPU µs per request (A / alone)"
current=known
for scenario in ${SCENARIOS:-udp:known http:known udp:joins http:joins}; do
  set -- ${scenario/:/ }
  if [ "$2" != "$current" ]; then
    stop_set; run_set 1000000; current=$2
  fi
  compare "$1" "$1 announce, $2"
done
stop_set
grep -h "cluster:" "$WORK/a.log" "$WORK/b.log" || true
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (both trackers and the"
echo "load generator share it; node B applies what A sends on the same cores)"
