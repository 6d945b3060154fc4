#!/bin/bash
# The cost of verified rewrites: CPU and wall time of pitfix in report mode
# and with --diff (every rewrite applied in memory, the changed units parsed
# again and the rules run again until the fixpoint) over one compilation
# database. Not a test: it is never run by CTest.
#
#   bench/verify-cost.sh [--pitfix PATH] [--jobs N] [--runs N] BUILD_DIR [PATH...]
#
#   BUILD_DIR   holds compile_commands.json (e.g. /work/corpus/leveldb-1.23/build)
#   PATH...     what pitfix is run on (default: BUILD_DIR's parent)
#   --runs N    repetitions of each mode (default 2); the table shows each run
#
# Prints one line per run: mode, wall seconds, CPU seconds (user+system),
# findings, and (for --diff) the number of changed files, i.e. the units
# parsed a second time at least.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PITFIX=$(dirname "$HERE")/build/bin/pitfix
JOBS=1
RUNS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --pitfix) PITFIX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
BUILD=${1:?usage: verify-cost.sh [options] BUILD_DIR [PATH...] (see --help)}
shift
PATHS=("$@")
[ ${#PATHS[@]} -gt 0 ] || PATHS=("$(dirname "$BUILD")")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "pitfix: $PITFIX ($(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), -j$JOBS"
printf '%-8s %8s %8s %9s %14s\n' mode wall cpu findings changed-files
for ((r = 1; r <= RUNS; r++)); do
  for mode in report diff; do
    args=()
    [ "$mode" = diff ] && args=(--diff)
    /usr/bin/time -f '%e %U %S' -o "$TMP/time" \
      "$PITFIX" -p "$BUILD" -j "$JOBS" "${args[@]}" "${PATHS[@]}" \
      > "$TMP/out" 2> "$TMP/err" || true
    read -r wall user sys < <(tail -1 "$TMP/time")
    cpu=$(echo "$user + $sys" | bc)
    findings=$(grep -o 'pitfix: [0-9]* findings' "$TMP/err" | grep -o '[0-9]*' || echo 0)
    changed=-
    [ "$mode" = diff ] && changed=$(grep -c '^+++ ' "$TMP/out" || true)
    printf '%-8s %8s %8s %9s %14s\n' "$mode" "$wall" "$cpu" "${findings:-0}" "$changed"
  done
done
