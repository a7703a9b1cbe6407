#!/usr/bin/env bash
# Media in an S3-compatible bucket against media on this node's disk, one after the other in the same
# run: the seed's throughput to libtorrent leechers (bench/seeder.sh, TARGETS=seedcast) and the web
# seed's to wrk (bench/webseed.sh), first with SEEDCAST_STORAGE=filesystem, then with SEEDCAST_STORAGE=s3
# against S3Proxy (filesystem-nio2 backend under a temporary directory, the same disk, loopback). The
# figures say what reading through a bucket costs the seed (pieces read whole into its piece cache) and
# the web seed (one ranged GET streamed per request) when the store itself is nearly free; a real
# store adds its own latency and bandwidth.
#   bench/s3.sh
#   FILE_MIB=256 LEECHERS=1 ROUNDS=1 DURATION=10s bench/s3.sh     (shorter)
#   PARTS="seeder" bench/s3.sh                                    (some parts: ranges seeder webseed)
# ranges: what one ranged GET costs by its size, 16 KiB (a block) to 4 MiB (a piece): bench/s3_ranges.py
# needs: what bench/seeder.sh and bench/webseed.sh need, and S3Proxy's jar in target/s3proxy
# (./mvnw generate-test-resources copies it there).
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=${PARTS:-"ranges seeder webseed"}; S3_PORT=${S3_PORT:-19000}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=target/s3proxy/s3proxy.jar
[ -f "$JAR" ] || ./mvnw -q -B generate-test-resources
S3=$(mktemp -d /tmp/seedcast-s3.XXXXXX); mkdir -p "$S3/blobs/bench"; chmod -R 777 "$S3"
cleanup() { [ -n "${S3_PID:-}" ] && kill "$S3_PID" 2>/dev/null; sleep 1; rm -rf "$S3"; }
trap cleanup EXIT
cat > "$S3/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=none
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench
jclouds.filesystem.basedir=$S3/blobs
CONF
"$JAVA" -jar "$JAR" --properties "$S3/s3proxy.conf" > "$S3/s3proxy.log" 2>&1 &
S3_PID=$!
for _ in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" || { tail -20 "$S3/s3proxy.log"; exit 1; }
BUCKET_ENV="SEEDCAST_STORAGE=s3 SEEDCAST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT SEEDCAST_S3_BUCKET=bench"
BUCKET_ENV="$BUCKET_ENV SEEDCAST_S3_ACCESS_KEY=bench SEEDCAST_S3_SECRET_KEY=bench"

for part in $PARTS; do
  if [ $part = ranges ]; then
    echo "==== ranged GETs by size"
    python3 bench/s3_ranges.py "http://127.0.0.1:$S3_PORT" bench "${RANGES_MIB:-64}" "${ROUNDS:-3}"
    continue
  fi
  for storage in filesystem s3; do
    echo "==== $part, media on $storage"
    env=""; [ $storage = s3 ] && env="$BUCKET_ENV"
    if [ $part = seeder ]; then
      TARGETS=seedcast APP_ENV="$env" bench/seeder.sh
    else
      APP_ENV="$env" bench/webseed.sh
    fi
  done
done
