#!/bin/sh
# ferry: this shell stub is followed by the ferry jar; it needs a Java 17+ runtime.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "ferry: no java found; install a Java 17+ runtime or set JAVA_HOME" >&2
  exit 2
fi
exec "$java" -XX:+UseParallelGC -Xshare:auto $FERRY_JAVA_OPTS -jar "$0" "$@"
