#!/usr/bin/env bash
# The topology of docker-compose.cluster.yml as plain processes on this machine, loopback only, then
# its failures (bench/cluster.sh topology runs this):
#   PostgreSQL (Debian's, as user seedcast), S3Proxy, web nodes A and B behind nginx
#   (deploy/nginx.conf, its upstreams pointed here), tracker nodes T1 on 127.0.0.2 and T2 on
#   127.0.0.3 (one Hazelcast cluster), one seed node. An episode is uploaded through the load
#   balancer (tus), published, then (bench/cluster_topology.py):
#   (a) libtorrent peers announcing to different tracker nodes find each other and complete a
#       download (the web seed removed from the torrent; bytes counted from the other peer and from
#       Seedcast's seed);
#   (b) the time until a peer announced on T1 is returned by T2 (bench/ClusterLatency.java);
#   (c) T1 killed with -9 under a legitimate swarm (bench/LegitSwarm.java: 1,000 peers, HTTP and
#       UDP, half starting on T1, half on T2, both nodes in one BEP 12 tier, failing over) and a
#       libtorrent client with the torrent's own tier: failures (no node answered; target 0),
#       failovers and their time, p50/p99 before and after the kill, and the time until T2 lists
#       every peer T1 answered last (target: within one announce interval);
#   (d) a web node killed with -9 during a tus upload through the load balancer: does the upload
#       continue on the other node ("skipped: uploads are per-node" while it cannot);
#   (e) pages and feeds through the load balancer while that node is down, and whether an admin
#       who signed in through it before stays signed in;
#   (f) the web nodes, members of the cluster that answer no announces, count peers announced to
#       T1 and T2 (the admin API's swarm).
# One command, about 3-5 minutes; every process it starts is ended on exit.
#   bench/cluster.sh topology
# The trackers announce an interval of TRACKER_INTERVAL seconds (default 20, SEEDCAST_TRACKER_INTERVAL;
# 30 minutes in production), the swarm's pace, so that (c) covers a whole interval after the kill; and
# answer up to 2,000 peers (SEEDCAST_TRACKER_MAX_PEERS), so one probe sees the whole swarm.
# Env: LEGIT_PEERS (default 1000), LATENCY_TRIALS (default 100), MEDIA_MIB (default 16), KEEP_LOGS (a directory for the logs), JAR (default target/seedcast.jar, built
#      if missing), S3PROXY_JAR (default target/s3proxy/s3proxy.jar), PG_BIN (Debian's newest).
# Needs: a JDK 21+, nginx (nginx-light), curl, PostgreSQL's server binaries (postgresql),
#        python3 with libtorrent (python3-libtorrent).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAR:-target/seedcast.jar}
S3PROXY_JAR=${S3PROXY_JAR:-target/s3proxy/s3proxy.jar}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PY=${PY:-python3}
$PY -c 'import libtorrent' 2>/dev/null || PY=/usr/bin/python3
for tool in nginx curl "$PG_BIN/initdb"; do command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nginx-light curl postgresql)"; exit 2; }; done
$PY -c 'import libtorrent' || { echo "missing libtorrent for $PY (apt-get install python3-libtorrent)"; exit 2; }
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
[ -f "$S3PROXY_JAR" ] || ./mvnw -q -B generate-test-resources

LB=127.0.0.1:28080; WEB_A=127.0.0.1:28081; WEB_B=127.0.0.1:28082
T1=127.0.0.2:26969; T2=127.0.0.3:26969; SEED_PORT=26881; PG_PORT=25432; S3_PORT=29000
AUTH=admin:bench-password-1
WORK=$(mktemp -d /tmp/seedcast-topology.XXXXXX); chmod 755 "$WORK"
RUN=()
if [ "$(id -u)" = 0 ]; then # PostgreSQL refuses root; the nodes run as the same ordinary user
  id seedcast >/dev/null 2>&1 || useradd -m seedcast
  chown seedcast "$WORK"; RUN=(runuser -u seedcast --)
fi
PIDS=()
cleanup() {
  set +e
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")"
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  [ -f "$WORK/pg/postmaster.pid" ] && "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null
  wait 2>/dev/null
  [ -n "${KEEP_LOGS:-}" ] && { mkdir -p "$KEEP_LOGS"; cp "$WORK"/*.log "$KEEP_LOGS"/; }
  rm -rf "$WORK"
}
trap cleanup EXIT
# start NAME ENV...: a node of the jar as the ordinary user; NAME_PID is its JVM (runuser forks it)
start() {
  local name=$1; shift
  mkdir -p "$WORK/$name"; chown "$(stat -c %U "$WORK")" "$WORK/$name"
  "${RUN[@]}" env "${COMMON[@]}" SEEDCAST_DATA_DIR="$WORK/$name" "$@" "$JAVA" -Xms128m -Xmx256m \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" > "$WORK/$name.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 50); do pgrep -P "$pid" >/dev/null && break; sleep 0.1; done
  local jvm; jvm=$(pgrep -P "$pid" || echo "$pid"); PIDS+=("$jvm")
  eval "${name}_PID=$jvm"
}
ready() { # NAME URL
  local until=$(( $(date +%s) + ${START_TIMEOUT:-600} )) # a loaded machine starts a JVM slowly
  while [ "$(date +%s)" -lt $until ]; do curl -sf -o /dev/null "$2" && return; sleep 0.5; done
  echo "bench: $1 did not become ready; its log:" >&2; tail -40 "$WORK/$1.log" >&2; exit 1
}
elapsed() { echo $(( $(date +%s) - BEGAN ))s; }
BEGAN=$(date +%s)

echo "== PostgreSQL ($PG_BIN), S3Proxy"
"${RUN[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U seedcast -A trust -E UTF8 --no-locale --no-sync >/dev/null
"${RUN[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
"${RUN[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p $PG_PORT -U seedcast seedcast
mkdir -p "$WORK/s3/seedcast"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$WORK/s3
CONF
"$JAVA" -Xmx256m -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)

# what every node shares: the database, the bucket, the public names; loopback is exempt from the
# tracker's and the web's per-address limits, as every client here comes from it
COMMON=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/seedcast SPRING_DATASOURCE_USERNAME=seedcast
  SEEDCAST_PUBLIC_URL=http://$LB SEEDCAST_TRACKER_HOST=${T1%:*} SEEDCAST_TRACKER_MORE_HOSTS=${T2%:*}
  SEEDCAST_TRACKER_PORT=${T1#*:}
  SEEDCAST_SEEDER_HOST=127.0.0.1 SEEDCAST_SEEDER_PORT=$SEED_PORT SEEDCAST_SEEDER_BIND_ADDRESS=127.0.0.1
  SEEDCAST_STORAGE=s3 SEEDCAST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT SEEDCAST_S3_BUCKET=seedcast
  SEEDCAST_S3_ACCESS_KEY=bench SEEDCAST_S3_SECRET_KEY=bench-secret SEEDCAST_TRACKER_RATE_LIMIT_EXEMPT=127.0.0.0/8
  SEEDCAST_WEB_LIMITS_EXEMPT=127.0.0.0/8 SEEDCAST_ADMIN_PASSWORD=${AUTH#*:} SEEDCAST_TRACKER_THREADS=1
  SEEDCAST_SEEDER_THREADS=1 SEEDCAST_TRACKER_INTERVAL=${TRACKER_INTERVAL:=20}s SEEDCAST_TRACKER_MAX_PEERS=2000)
CLUSTER=SEEDCAST_CLUSTER_MEMBERS=127.0.0.1:25701,127.0.0.1:25702,127.0.0.1:25703,127.0.0.1:25704
echo "== nodes: web A, trackers T1 and T2, seed (web B once A has made the publisher's key) [$(elapsed)]"
start web_a SEEDCAST_ROLES=web SERVER_ADDRESS=127.0.0.1 SERVER_PORT=${WEB_A#*:} SERVER_FORWARD_HEADERS_STRATEGY=native \
  $CLUSTER SEEDCAST_CLUSTER_PORT=25703
start t1 SEEDCAST_ROLES=tracker SEEDCAST_TRACKER_BIND_ADDRESS=${T1%:*} SEEDCAST_MANAGEMENT_PORT=28091 $CLUSTER \
  SEEDCAST_CLUSTER_PORT=25701
start t2 SEEDCAST_ROLES=tracker SEEDCAST_TRACKER_BIND_ADDRESS=${T2%:*} SEEDCAST_MANAGEMENT_PORT=28092 $CLUSTER \
  SEEDCAST_CLUSTER_PORT=25702
start seed SEEDCAST_ROLES=seeder SEEDCAST_MANAGEMENT_PORT=28093
ready web_a "http://$WEB_A/actuator/health/readiness"
mkdir -p "$WORK/web_b"; ln -s "$WORK/web_a/publisher" "$WORK/web_b/publisher"
start web_b SEEDCAST_ROLES=web SERVER_ADDRESS=127.0.0.1 SERVER_PORT=${WEB_B#*:} SERVER_FORWARD_HEADERS_STRATEGY=native \
  $CLUSTER SEEDCAST_CLUSTER_PORT=25704
ready t1 http://127.0.0.1:28091/actuator/health/readiness
ready t2 http://127.0.0.1:28092/actuator/health/readiness
ready seed http://127.0.0.1:28093/actuator/health/readiness
ready web_b "http://$WEB_B/actuator/health/readiness"
# the load balancer: deploy/nginx.conf with its upstreams here, and which node answered in a header
sed -e "s/web-a:8080/$WEB_A/; s/web-b:8080/$WEB_B/; s/listen 8080;/listen $LB;\n        add_header X-Seedcast-Node \$upstream_addr always;/" \
  -e "1i pid $WORK/nginx.pid;\nerror_log $WORK/nginx-error.log;" deploy/nginx.conf > "$WORK/nginx.conf"
sed -i "s|^http {|http {\n    access_log off;\n    client_body_temp_path $WORK/nginx-body;\n    proxy_temp_path $WORK/nginx-proxy;|" "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf"
grep -h "tracker cluster member" "$WORK/t1.log" "$WORK/t2.log" | sed 's/.*TrackerCluster *: /   /'

echo "== an episode through the load balancer: show, tus upload (${MEDIA_MIB:-16} MiB), publish [$(elapsed)]"
$PY - "$WORK/episode.mp4" "${MEDIA_MIB:-16}" <<'PY'
import os, sys
with open(sys.argv[1], "wb") as f:
    f.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    for _ in range(int(sys.argv[2])): f.write(os.urandom(1 << 20))
PY
curl -sf -u $AUTH -H 'Content-Type: application/json' -d '{"slug":"cluster","title":"Cluster"}' "http://$LB/api/shows" >/dev/null
$PY bench/tus-upload.py "$WORK/episode.mp4" --show cluster --url "http://$LB" --user $AUTH --chunk-mib 8 >/dev/null
ID=$(curl -sf -u $AUTH "http://$LB/api/shows/cluster/episodes" | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
curl -sf -u $AUTH -X POST "http://$LB/api/episodes/$ID/publish" > "$WORK/published.json"
HASH=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["infoHash"])' "$WORK/published.json")
curl -sf -o "$WORK/episode.torrent" "http://$LB/torrents/$HASH.torrent"
for t in $T1 $T2; do $PY bench/cluster_topology.py tracks "$t" "$HASH" || { echo "bench: $t does not track $HASH"; exit 1; }; done
echo "$HASH" > "$WORK/hash.txt"

echo "== (f) the web nodes count peers announced to T1 and T2 [$(elapsed)]"
$PY bench/cluster_topology.py counts $T1 $T2 "$HASH" "$WEB_A,$WEB_B" $AUTH | tee "$WORK/counts.json"

echo "== (b) a peer announced on T1, returned by T2 [$(elapsed)]"
"$JAVA" bench/ClusterLatency.java 127.0.0.1 $T1 $T2 "$WORK/hash.txt" "${LATENCY_TRIALS:-100}" | tee "$WORK/b.txt"
echo "== (a) peers on different tracker nodes; (c) T1 killed with -9 under ${LEGIT_PEERS:=1000} peers [$(elapsed)]"
$PY bench/cluster_topology.py swarm "$WORK/episode.torrent" "$WORK/episode.mp4" $T1 $T2 $SEED_PORT "$t1_PID" \
  "$WORK" "$TRACKER_INTERVAL" "$JAVA bench/LegitSwarm.java" "$LEGIT_PEERS" > "$WORK/swarm.json"
$PY -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["c"]["swarm_lines"]))' "$WORK/swarm.json"
echo "== (d) a web node killed with -9 during a tus upload; (e) pages and feeds meanwhile [$(elapsed)]"
$PY bench/cluster_topology.py web $LB "$WEB_A=$web_a_PID,$WEB_B=$web_b_PID" $AUTH "$WORK" | tee "$WORK/web.json"

echo
$PY - "$WORK/b.txt" "$WORK/swarm.json" "$WORK/web.json" "$WORK/counts.json" <<'PY'
import json, re, sys
b = open(sys.argv[1]).read().strip()
s = json.load(open(sys.argv[2])); w = json.load(open(sys.argv[3])); f = json.load(open(sys.argv[4]))
a, c, d, e = s["a"], s["c"], w["d"], w["e"]
m = re.search(r"p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms, (\d+) not seen", b)
mib = 1 << 20
sw, interval = c["swarm"], c["swarm"]["interval_s"]
lat = lambda t: f"{t['p50_ms']} / {t['p99_ms']} ms ({t['n']})" if t else "none"
took = lambda t: f"{t['n']}, p50 {t['p50_ms']} / max {t['max_ms']} ms" if t else "none"
back_ok = sw["all_listed_after_ms"] is not None and sw["all_listed_after_ms"] <= interval * 1000 and sw["orphans"] > 0
back = (f"listed {sw['all_listed_after_ms']} ms after the kill" if sw["all_listed_after_ms"] is not None
        else "NEVER listed after the kill")
rows = [
    ("(a) peers on T1 / T2 find each other",
     f"{'completed' if a['completed'] else 'NOT completed'} in {a['seconds']} s, "
     f"{'connected to' if a['x_among_y_peers'] else 'WITHOUT'} the other peer; {a['bytes_downloaded'] / mib:.1f} MiB "
     f"downloaded, {a['bytes_from_seedcast_seed'] / mib:.1f} MiB of it from Seedcast's seed"),
    ("(b) T1 -> T2, p50 / p99 / max", f"{m.group(1)} / {m.group(2)} / {m.group(3)} ms, {m.group(4)} not seen" if m else b),
    ("(c) T1 killed: swarm failures", f"{sw['failures']} (after the kill {sw['failures_after_kill']}; target 0) "
     f"{'PASS' if sw['failures'] == 0 else 'MISS'}"),
    ("(c)   p50 / p99 before the kill", f"udp {lat(sw['before']['udp'])}; http {lat(sw['before']['http'])}"),
    ("(c)   p50 / p99 after the kill", f"udp {lat(sw['after']['udp'])}; http {lat(sw['after']['http'])}; "
     f"answered after it by T1 / T2: {' / '.join(map(str, sw['answered_after']))}"),
    ("(c)   failovers, first try to answer", f"udp {took(sw['failovers']['udp'])}; http {took(sw['failovers']['http'])}"),
    ("(c)   T1's peers back in T2's lists",
     f"all {sw['orphans']} {back}; {sw['listed_at_kill']} listed at the kill, at least {sw['fewest_listed_after']} "
     f"in each of {sw['probes']} probes after (target: within the interval, {interval} s) {'PASS' if back_ok else 'MISS'}"),
    ("(c)   libtorrent on T2 after the kill", f"{c['z_failover_ms']} ms (before the kill answered by "
     f"{c['z_first_tracker']}); T2 lists X (announced to T1 only) {'at the kill' if c['t2_lists_x_at_kill'] else 'NOT at the kill'}"
     f", {'and ' + str(c['x_listed_after_ms']) + ' ms after' if c['x_listed_after_ms'] is not None else 'NOT after'}"),
    ("(d) upload when its node dies", d["result"]),
    ("(e) pages, feeds via LB, node down", f"{e['answered']} answered, {e['failed']} failed {e['statuses']}, p99 {e['p99_ms']} ms"),
    ("(e) signed-in admin's /studio, node down", ", ".join(e["admin_studio_after_kill"])),
    ("(f) web nodes count T1's and T2's peers", "; ".join(
        f"{node}: {v['leechers_counted']} of {f['peers']}" + (f" after {v['after_ms']} ms" if v["after_ms"] is not None else " (MISSED)")
        for node, v in f["f"].items())),
]
for k, v in rows:
    print(f"{k:40s} {v}")
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); took $(elapsed)"
