#!/bin/bash
# CPU time of `pitfix --test-rules` with the default headers compiled once
# into a shared precompiled preamble (the default) and with every snippet
# parsing them again (--no-preamble), side by side in one run. Not a test:
# it is never run by CTest.
#
#   bench/test-rules-cost.sh [--pitfix PATH] [--jobs N] [RULE_FILE|DIR...]
#
#   RULE_FILE|DIR  the rules whose examples run (default: the rule files
#                  that CTest's rule-examples test runs, see test/CMakeLists.txt)
#   --jobs N       -j of pitfix (default 1: CPU per snippet without sharing)
#
# Prints one line per mode: wall seconds, CPU seconds (user + system), the
# snippets parsed (each example's before and after and each valid snippet,
# again as a function body when it does not compile as a file) and the CPU
# per snippet.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")
PITFIX=$SRC/build/bin/pitfix
JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --pitfix) PITFIX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
RULES=("$@")
if [ ${#RULES[@]} -eq 0 ]; then
  # The list of test/CMakeLists.txt's PITFIX_RULES_WITH_RUNNABLE_EXAMPLES.
  while read -r r; do
    RULES+=("$SRC/rules/$r.yaml")
  done < <(sed -n '/^set(PITFIX_RULES_WITH_RUNNABLE_EXAMPLES/,/)/p' \
             "$SRC/test/CMakeLists.txt" | grep -o '[a-z]*/[a-z-]*$')
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "pitfix: $PITFIX ($(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), -j$JOBS, ${#RULES[@]} rule files"
printf '%-12s %8s %8s %9s %12s\n' mode wall cpu snippets cpu/snippet
for mode in preamble no-preamble; do
  args=(--preamble-stats)
  [ "$mode" = no-preamble ] && args+=(--no-preamble)
  PITFIX_RULES_DIR=$SRC/rules /usr/bin/time -f '%e %U %S' -o "$TMP/time" \
    "$PITFIX" --test-rules -j "$JOBS" "${args[@]}" "${RULES[@]}" \
    > "$TMP/out" 2> "$TMP/err" || true
  read -r wall user sys < <(tail -1 "$TMP/time")
  cpu=$(echo "$user + $sys" | bc)
  # --preamble-stats counts each parse once: built, reused or failed.
  n=$(grep -o 'preambles: [0-9]* built, [0-9]* reused, [0-9]* failed' \
        "$TMP/err" | grep -o '[0-9]*' | paste -sd+ | bc)
  [ "$mode" = no-preamble ] && n=$(cat "$TMP/snippets")
  echo "$n" > "$TMP/snippets"
  printf '%-12s %8s %8s %9s %12s\n' "$mode" "$wall" "$cpu" "$n" \
    "$(echo "scale=2; $cpu / $n" | bc)"
  grep 'passed,' "$TMP/err" | sed 's/^/  /'
done
