#!/bin/sh
# ferry: this shell stub is followed by the ferry jar; it needs a Java 17+ runtime.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "ferry: no java found; install a Java 17+ runtime or set JAVA_HOME" >&2
  exit 2
fi
# `ferry schedule` runs from cron for about a second: it is over before the optimising (C2)
# compiler pays off, and stopping at C1 roughly halves its CPU time (docs/benchmarks.md).
# Long-running commands keep the full JIT. Only the subcommand word is looked at.
jit=""
skip=""
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=""; continue; fi
  case "$arg" in
    --config) skip=1 ;;
    -*) ;;
    schedule) jit="-XX:TieredStopAtLevel=1"; break ;;
    *) break ;;
  esac
done
exec "$java" -XX:+UseParallelGC -Xshare:auto $jit $FERRY_JAVA_OPTS -jar "$0" "$@"
