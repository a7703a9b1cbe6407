#!/usr/bin/env bash
# Bounded-time fuzz run of the strict bencode decoder: random garbage and mutated torrents must
# decode to a value that re-encodes to the same bytes, or be refused with BencodeException.
#   bench/fuzz-bencode.sh [SECONDS=60] [SEED]
# Runs org.seedcast.torrent.bencode.BencodeFuzz from the test classes; a failure prints the input
# in hex and exits non-zero. Replay a run with the seed it printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B test-compile
exec "$JAVA_HOME/bin/java" -Xss512k -cp target/classes:target/test-classes \
  org.seedcast.torrent.bencode.BencodeFuzz "${1:-60}" ${2:+"$2"}
