#!/usr/bin/env bash
# Tollgate soak run: builds the gateway and the harness, then 30 minutes of moderate load with Redis restarts.
# Usage: perf/run-soak.sh [--duration 30m] [--redis-restart-every 5m] [--redis-down-for 20s] [--rate 50] ...
# Needs JDK 17, Maven, wrk and redis-server. See the README, section "Performance: the load harness".
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -q -B -pl perf -am clean package -Dmaven.test.skip=true
fi
exec java -Djava.awt.headless=true -cp "perf/target/classes:$(cat perf/target/classpath.txt)" \
  dev.tollgate.perf.load.soak.SoakRun "$@"
