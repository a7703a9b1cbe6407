#!/usr/bin/env bash
# The Revision3 replay: while 127.0.0.1 floods the tracker with announces of foreign torrents over
# HTTP and UDP as fast as it can (no exemption: per-address limits apply), a legitimate swarm of
# 1,000 peers, each on its own loopback address (127.0.1.1 and up), keeps announcing one published
# torrent about every 20 s. Same run for opentracker. Reports legitimate announce p50/p99 and
# failures, and for Seedcast the heap and the unknown-torrent table's top entry.
# (The web page part of the issue's scenario needs the whole application; see bench/README.md.)
#
# The swarm announces alone for CALM seconds first (default 10: the tracker is serving its swarm
# when the flood begins, as it would be in production), then the flood runs SECONDS; legitimate
# figures are printed for the whole run, before the flood (the tracker just started) and during it.
#
# usage: bench/flood.sh [SECONDS=40]     (TRACKER_JAVA_OPTS overrides the tracker JVM's options;
#        CALM=0 starts the flood with the swarm, against a tracker just started;
#        OPENTRACKER=0 skips opentracker's round, for quick comparisons of Seedcast set-ups;
#        AOT=1 (JDK 25+) starts Seedcast with an AOT cache from a training run, TrackerTraining's
#        workload against the standalone tracker: the README's "Faster start")
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-40}
CALM=${CALM:-10}   # seconds the legitimate swarm announces alone before the flood begins
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUR_PORT=26970
OT_PORT=16970
WORK=$(mktemp -d /tmp/seedcast-flood.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

python3 - "$WORK" <<'PY'
import os, sys
w = sys.argv[1]
open(f"{w}/known.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(1000)))
open(f"{w}/foreign.txt", "w").write("".join(os.urandom(20).hex() + "\n" for _ in range(100000)))
PY
chmod 644 "$WORK"/*.txt
PUBLISHED=$(head -1 "$WORK/known.txt")

./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null

. bench/flood-round.sh

CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
AOT_OPTS=()
if [ "${AOT:-0}" != 0 ]; then
  # an AOT cache only takes classes from jars, not from directories
  JAR=${JAVA_HOME:+$JAVA_HOME/bin/}jar
  "$JAR" cf "$WORK/classes.jar" -C target/classes . && "$JAR" cf "$WORK/test-classes.jar" -C target/test-classes .
  CP="$WORK/test-classes.jar:$WORK/classes.jar:$(cat "$WORK/cp.txt")"
  echo "training an AOT cache (TrackerTraining against the standalone tracker)..."
  "$JAVA" ${TRACKER_JAVA_OPTS:--Xms64m -Xmx512m} -XX:AOTCacheOutput="$WORK/tracker.aot" -Dseedcast.bench.train=true \
    -cp "$CP" org.seedcast.tracker.bench.StandaloneTracker $OUR_PORT "$WORK/known.txt" "" > "$WORK/train.log" 2>&1
  grep "^Result\|AOTCache creation" "$WORK/train.log"
  AOT_OPTS=(-XX:AOTCache="$WORK/tracker.aot")
fi

echo "== Seedcast (rate limits on, nothing exempt)"
STARTED=$(date +%s%N)
"$JAVA" ${TRACKER_JAVA_OPTS:--Xms64m -Xmx512m} "${AOT_OPTS[@]}" -cp "$CP" \
  org.seedcast.tracker.bench.StandaloneTracker $OUR_PORT "$WORK/known.txt" "" > "$WORK/seedcast.log" 2>&1 &
OURS=$!
PIDS+=($OURS)
for _ in $(seq 1 200); do grep -q "seedcast tracker on port" "$WORK/seedcast.log" && break; sleep 0.05; done
echo "  listening $(( ($(date +%s%N) - STARTED) / 1000000 )) ms after launch${AOT_OPTS:+, with the AOT cache}"
flood_round $OUR_PORT "$PUBLISHED"
kill $OURS; wait $OURS 2>/dev/null || true
sed -n '/heap used/,$p' "$WORK/seedcast.log" | sed 's/^/  /'

if [ "${OPENTRACKER:-1}" != 0 ]; then
echo "== opentracker"
opentracker -i 127.0.0.1 -p $OT_PORT -P $OT_PORT -d "$WORK" -u nobody -w known.txt > "$WORK/opentracker.log" 2>&1 &
OT=$!
PIDS+=($OT)
sleep 1
flood_round $OT_PORT "$PUBLISHED"
echo "  opentracker resident memory: $(ps -o rss= -p $OT) KiB"
fi
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); generators and trackers share the cores"
