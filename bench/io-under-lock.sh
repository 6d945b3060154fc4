#!/bin/sh
# Wall time of test/runnable/io-under-lock.cpp before and after
# `pitfix --fix` (rule sharing-io-under-lock): four workers that each wait
# DELAY ms per refresh, ROUNDS times. Before the fix the waits are serialised
# under the mutex (about 4 * ROUNDS * DELAY ms); after it they overlap
# (about ROUNDS * DELAY ms).
#
#   bench/io-under-lock.sh [build-dir] [delay-ms] [rounds]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
delay=${2:-20}
rounds=${3:-10}
cxx=${CXX:-clang++-19}
command -v "$cxx" >/dev/null 2>&1 || cxx=clang++
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root/test/runnable/io-under-lock.cpp" "$work/before.cpp"
cp "$root/test/runnable/io-under-lock.cpp" "$work/after.cpp"
PITFIX_RULES_DIR="$root/rules" "$build/bin/pitfix" --quiet --fix \
  --checks='-*,sharing-io-under-lock' "$work/after.cpp" -- -std=c++17 || true
if cmp -s "$work/before.cpp" "$work/after.cpp"; then
  echo "pitfix did not change the program" >&2
  exit 1
fi
"$cxx" -std=c++17 -O2 -pthread "$work/before.cpp" -o "$work/before"
"$cxx" -std=c++17 -O2 -pthread "$work/after.cpp" -o "$work/after"

# Milliseconds of wall time for one run of $1.
wall_ms() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(int((time.monotonic() - t) * 1000))
PY
}
b=$(wall_ms "$work/before" "$delay" "$rounds")
a=$(wall_ms "$work/after" "$delay" "$rounds")
echo "before fix: ${b} ms (serialised waits, expected ~$((4 * rounds * delay)) ms)"
echo "after fix:  ${a} ms (parallel waits, expected ~$((rounds * delay)) ms)"
python3 -c "print('speed-up: %.1fx' % ($b / max($a, 1)))"
