#!/usr/bin/env bash
# Tollgate load harness: builds the gateway and the harness, then runs every system in turn on 127.0.0.1.
# Usage: perf/run-load.sh [--duration 20s] [--warmup 10s] [--concurrency 32] [--clients 1,100,10000] [--systems ...]
# Needs JDK 17, Maven, wrk (apt-get install -y wrk) and redis-server (or REDIS_URL). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  # clean: an incremental build can keep a stale repackaged gateway jar, which would measure old code
  mvn -q -B -pl perf -am clean package -Dmaven.test.skip=true
fi
exec java -Djava.awt.headless=true -cp "perf/target/classes:$(cat perf/target/classpath.txt)" \
  dev.tollgate.perf.load.LoadHarness "$@"
