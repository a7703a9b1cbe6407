#!/usr/bin/env bash
# Seedcast's tracker against opentracker, same machine, same load, same run.
# Both get the same 1,000 known info-hashes (opentracker as a whitelist); the load generators
# (wrk + bench/announce.lua for HTTP, bench/UdpLoad.java for BEP 15) hit each in turn, several
# alternating rounds, and the median of each is printed with the ratio.
#
# usage: bench/run.sh [SECONDS_PER_ROUND=5] [ROUNDS=3]
#        SCENARIOS="udp:known udp:foreign" bench/run.sh     (a subset; default all four)
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

for tool in wrk opentracker; do
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

"$JAVA" -Xms256m -Xmx512m ${TRACKER_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" \
  org.seedcast.tracker.bench.StandaloneTracker $OUR_PORT "$WORK/known.txt" 127.0.0.0/8 > "$WORK/seedcast.log" 2>&1 &
PIDS+=($!)
opentracker -i 127.0.0.1 -p $OT_PORT -P $OT_PORT -d "$WORK" -u nobody -w known.txt > "$WORK/opentracker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do grep -q "seedcast tracker on port" "$WORK/seedcast.log" && break; sleep 0.2; done

http() { wrk -t1 -c32 -d"${SECONDS_PER_ROUND}s" -s bench/announce.lua "http://127.0.0.1:$1" -- "$2" | tail -1 | sed -E 's/http: ([0-9]+) req\/s.*p99 ([0-9.]+) ms.*/\1 \2/'; }
udp() { "$JAVA" bench/UdpLoad.java 127.0.0.1 "$1" "$2" "$SECONDS_PER_ROUND" 1 32 | sed -E 's/udp: ([0-9]+) req\/s.*p99 ([0-9.]+) ms.*/\1 \2/'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "warming up the JVM (the JIT compiles the hot paths during the first seconds)..."
for _ in 1 2 3; do
  for list in known foreign; do
    http $OUR_PORT "$WORK/$list.txt" >/dev/null; udp $OUR_PORT "$WORK/$list.txt" >/dev/null
  done
done

printf "\n%-26s %12s %12s %8s   %s\n" "scenario" "seedcast/s" "opentracker/s" "ratio" "p99 ms (seedcast / opentracker)"
for scenario in ${SCENARIOS:-http:known http:foreign udp:known udp:foreign}; do
  set -- ${scenario/:/ }
  ours=(); theirs=(); ours99=(); theirs99=()
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r p < <($1 $OUR_PORT "$WORK/$2.txt"); ours+=("$r"); ours99+=("$p")
    read -r r p < <($1 $OT_PORT "$WORK/$2.txt"); theirs+=("$r"); theirs99+=("$p")
  done
  o=$(printf "%s\n" "${ours[@]}" | median); t=$(printf "%s\n" "${theirs[@]}" | median)
  o99=$(printf "%s\n" "${ours99[@]}" | median); t99=$(printf "%s\n" "${theirs99[@]}" | median)
  printf "%-26s %12s %12s %8.2f   %s / %s\n" "$1 announce, $2" "$o" "$t" "$(echo "$o / $t" | bc -l)" "$o99" "$t99"
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (other work on the machine skews both alike)"
