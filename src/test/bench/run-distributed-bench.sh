#!/usr/bin/env bash
# Builds ferry and the benchmark harness, then times `ferry copy` through the broker (two local
# `ferry worker` processes) against the embedded `ferry copy`, side by side (see
# docs/benchmarks.md). Arguments go to DistributedBench, for example:
#   src/test/bench/run-distributed-bench.sh                          # 5 interleaved repetitions
#   src/test/bench/run-distributed-bench.sh --reps 3 --timeline true # and where the time went
#   src/test/bench/run-distributed-bench.sh --worker-args "--threads 2 --prefetch 1"
# The broker is $RABBITMQ_URI, else amqp://guest:guest@127.0.0.1:5672/%2F; the queues get a
# prefix of their own, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ "${FERRY_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -DskipTests -pl src/test -am package
fi
exec java -cp "src/test/target/test-classes:$(cat src/test/target/test-classpath.txt)" \
  dev.ferry.bench.DistributedBench "$@"
