#!/usr/bin/env bash
# Where the CPU of a distributed copy goes, against the embedded copy (docs/benchmarks.md):
# starts two `ferry worker --threads 2` under a prefix of their own, then ROUNDS times copies SRC
# embedded and with `--wait` through the broker, each into a new target under DIR, and prints the
# wall, user and system time of each client and the CPU the workers and the broker used meanwhile.
#   src/test/bench/distributed-cpu.sh SRC DIR [ROUNDS]
# SRC is a tree such as the one run-distributed-bench.sh generates (DIR/small-src there). The
# broker is $RABBITMQ_URI, else amqp://guest:guest@127.0.0.1:5672/%2F; it must run on this
# machine (its CPU is read from /proc; its queues are deleted with rabbitmqctl at the end, the
# PREFIX.dlx exchange stays). The first round warms up and is not printed.
set -euo pipefail
src=${1:?SRC}
dir=${2:?DIR}
rounds=${3:-5}
cd "$(dirname "$0")/../../.."
ferry=$PWD/cli/target/ferry
broker=${RABBITMQ_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
export FERRY_BROKER_PREFIX=ferry-cpu-$$
mkdir -p "$dir"
workers=()
for i in 1 2; do
  FERRY_BROKER=$broker "$ferry" worker --name "cpu-$$-$i" --threads 2 >"$dir/cpu-worker-$i.log" 2>&1 &
  workers+=($!)
done
cleanup() {
  kill "${workers[@]}" 2>/dev/null || true
  wait "${workers[@]}" 2>/dev/null || true
  for q in tasks dead ledger jobs jobs.wait; do
    rabbitmqctl -q delete_queue "$FERRY_BROKER_PREFIX.$q" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
sleep 3
beam=$(pgrep -f beam.smp | head -1)
ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | paste -sd+ | bc; }
hz=$(getconf CLK_TCK)
for r in $(seq 0 "$rounds"); do
  rm -rf "$dir/cpu-e" "$dir/cpu-d"
  sync
  /usr/bin/time -f "%e %U %S" -o "$dir/cpu-e.time" env -u FERRY_BROKER "$ferry" copy "$src" "$dir/cpu-e" >/dev/null
  sync -f "$dir"
  w0=$(ticks "${workers[@]}")
  b0=$(ticks "$beam")
  /usr/bin/time -f "%e %U %S" -o "$dir/cpu-d.time" env FERRY_BROKER="$broker" "$ferry" copy --wait "$src" "$dir/cpu-d" >/dev/null 2>&1
  w1=$(ticks "${workers[@]}")
  b1=$(ticks "$beam")
  if [[ $r -gt 0 ]]; then
    read -r ew eu es <"$dir/cpu-e.time"
    read -r dw du ds <"$dir/cpu-d.time"
    printf 'round %d: embedded wall %s s, cpu %s+%s s | distributed client wall %s s, cpu %s+%s s; workers %.2f s, broker %.2f s\n' \
      "$r" "$ew" "$eu" "$es" "$dw" "$du" "$ds" "$(bc -l <<<"($w1 - $w0) / $hz")" "$(bc -l <<<"($b1 - $b0) / $hz")"
  fi
done
rm -rf "$dir/cpu-e" "$dir/cpu-d"
