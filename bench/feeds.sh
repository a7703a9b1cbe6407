#!/usr/bin/env bash
# Feed benchmark: a show of 1,000 episodes (or $1), the median time to serve its podcast feed
# from the cache against rendering it anew, with the ratio; the target is a median under 5 ms
# once warm. Runs org.seedcast.feeds.FeedsBenchmark from the test classes with -Xmx256m.
#   bench/feeds.sh [EPISODES=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  org.seedcast.feeds.FeedsBenchmark "${1:-1000}"
