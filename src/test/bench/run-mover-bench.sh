#!/usr/bin/env bash
# Builds ferry and the benchmark harness, then times `ferry copy` against cp -a, rsync -a and any
# other copier installed (see docs/benchmarks.md). Arguments go to MoverBench, for example:
#   src/test/bench/run-mover-bench.sh                                  # the full run (~15 min)
#   src/test/bench/run-mover-bench.sh --big-size 64m --entries 100000 --reps 3   # a quick look
#   src/test/bench/run-mover-bench.sh --write-docs docs/benchmarks.md  # and record the results
# Set FERRY_JAVA_OPTS to pass JVM options to ferry (e.g. -XX:StartFlightRecording=...).
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ "${FERRY_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -DskipTests -pl src/test -am package
fi
exec java -cp src/test/target/test-classes dev.ferry.bench.MoverBench "$@"
