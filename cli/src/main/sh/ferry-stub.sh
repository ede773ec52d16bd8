#!/bin/sh
# ferry: this shell stub is followed by the ferry jar; it needs a Java 17+ runtime.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "ferry: no java found; install a Java 17+ runtime or set JAVA_HOME" >&2
  exit 2
fi
# From cron or any environment without a locale, the JVM decodes arguments and encodes file names
# as ASCII, so a non-ASCII path such as /data/données fails. Use C.UTF-8 then, when the system
# has it (glibc 2.35+ always does); otherwise keep the locale as it is, silently.
if [ "$(locale charmap 2>/dev/null)" != UTF-8 ] &&
  [ "$(LC_ALL=C.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ]; then
  LC_ALL=C.UTF-8
  export LC_ALL
fi
# C1 only and the serial collector: ferry is I/O-bound and often short-lived (cron, re-runs), so
# start-up and footprint matter more than peak JIT code; the heap cap keeps RSS bounded. The
# long-running commands that fold the broker's job ledger hold every running job's tasks (about
# 200 bytes each), so they get the JVM's server default instead: a quarter of the RAM.
heap=-Xmx384m
case "${1:-}" in
worker | status | monitor) heap=-XX:MaxRAMPercentage=25 ;;
esac
exec "$java" -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $heap -Xshare:auto $FERRY_JAVA_OPTS -jar "$0" "$@"
