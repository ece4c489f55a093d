#!/usr/bin/env bash
# JMH microbenchmarks of the perf module (packages dev.tollgate.perf.*), run from target/classes plus the module's
# runtime classpath (perf/target/classpath.txt, written by mvn package); JMH's forks inherit that classpath.
# Usage: perf/run-jmh.sh [JMH options], e.g. perf/run-jmh.sh -f 1 -wi 3 -i 5 'dev.tollgate.perf.jwt.*'
#        perf/run-jmh.sh -l    (list benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -q -B -pl perf -am package -Dmaven.test.skip=true
fi
exec java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" org.openjdk.jmh.Main "$@"
