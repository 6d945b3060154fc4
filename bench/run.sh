#!/bin/bash
# pitfix's benchmark: wall time, CPU time and peak memory of
#   floor       clang++-19 -fsyntax-only over every TU of the database
#   pitfix      pitfix with all rules (report only)
#   clang-tidy  clang-tidy-19 with its nearest checks
# at each parallelism (-j1 and -j2 by default), on leveldb from Debian's
# source package. Not a test: it is never run by CTest.
#
#   bench/run.sh [--workdir DIR] [--pitfix PATH] [--jobs "1 2"]
#                [--limit N] [--tools "floor pitfix clang-tidy"]
#                [--markdown FILE] [--pitfix-arg ARG]...
#
#   --workdir   where leveldb is fetched and the results are kept
#               (default: $PITFIX_BENCH_DIR or /var/tmp/pitfix-bench)
#   --pitfix    the binary to measure (default: build/bin/pitfix of this tree)
#   --jobs      the parallelism levels to measure
#   --tools     which of the three to run (default: all)
#   --limit N   only N of the source files, spread over the database (for a
#               quick look; the table says how many TUs were measured)
#   --markdown  also write the table and ratios as Markdown to FILE
#   --pitfix-arg  one more argument for pitfix (repeatable), e.g.
#               --pitfix-arg=--rules-dir=DIR to time extra rules
#
# The floor and clang-tidy run one process per TU through `xargs -P N`,
# pitfix runs once with `-j N`. Each tool parses every compile command of
# each file, as clang-tidy and pitfix both do.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORKDIR=${PITFIX_BENCH_DIR:-/var/tmp/pitfix-bench}
PITFIX=$ROOT/build/bin/pitfix
JOBS="1 2"
TOOLS="floor pitfix clang-tidy"
LIMIT=0
MARKDOWN=""
PITFIX_ARGS=()
TIDY_CHECKS="-*,bugprone-unused-raii,bugprone-spuriously-wake-up-functions,clang-analyzer-unix.BlockInCriticalSection"

while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) WORKDIR=$2; shift 2 ;;
    --pitfix) PITFIX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --tools) TOOLS=$2; shift 2 ;;
    --limit) LIMIT=$2; shift 2 ;;
    --markdown) MARKDOWN=$2; shift 2 ;;
    --pitfix-arg) PITFIX_ARGS+=("$2"); shift 2 ;;
    --pitfix-arg=*) PITFIX_ARGS+=("${1#--pitfix-arg=}"); shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$PITFIX" ] || { echo "bench: no pitfix at $PITFIX (build it first)" >&2; exit 2; }
PITFIX=$(cd "$(dirname "$PITFIX")" && pwd)/$(basename "$PITFIX")

SRC=$("$HERE/prepare-leveldb.sh" "$WORKDIR" | tail -1)
BUILD=$SRC/build
OUT=$WORKDIR/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

python3 "$HERE/tu_commands.py" files "$BUILD" "$LIMIT" > "$OUT/files.txt"
python3 "$HERE/tu_commands.py" syntax-only "$BUILD" "$OUT/files.txt" \
  > "$OUT/floor-commands.txt"
NFILES=$(wc -l < "$OUT/files.txt")
NTUS=$(wc -l < "$OUT/floor-commands.txt")
{
  echo "code base: $(basename "$SRC") ($NFILES source files, $NTUS compile commands)"
  echo "pitfix: $PITFIX ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "rules: $("$PITFIX" "${PITFIX_ARGS[@]}" --list-checks | tail -n +2 | wc -l)${PITFIX_ARGS[*]:+ (pitfix ${PITFIX_ARGS[*]})}"
  echo "clang-tidy checks: $TIDY_CHECKS"
  echo "machine: $(nproc) cores, $(uname -srm)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
} > "$OUT/info.txt"
cat "$OUT/info.txt" >&2

# measure NAME JOBS CMD...: runs CMD under GNU time; its report goes to
# NAME-jJOBS.time, the tool's own output to NAME-jJOBS.log.
measure() {
  local name=$1 jobs=$2
  shift 2
  echo "bench: $name -j$jobs" >&2
  /usr/bin/time -v -o "$OUT/$name-j$jobs.time" "$@" \
    > "$OUT/$name-j$jobs.log" 2>&1 || true
}

mapfile -t FILES < "$OUT/files.txt"
cd "$BUILD"
wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for j in $JOBS; do
  if wants floor; then
    measure floor "$j" xargs -d '\n' -n 1 -P "$j" sh -c < "$OUT/floor-commands.txt"
  fi
  if wants pitfix; then
    measure pitfix "$j" "$PITFIX" "${PITFIX_ARGS[@]}" -p "$BUILD" -j "$j" --quiet \
      "${FILES[@]}"
  fi
  if wants clang-tidy; then
    measure clang-tidy "$j" xargs -d '\n' -n 1 -P "$j" clang-tidy-19 -p "$BUILD" \
      --quiet "--checks=$TIDY_CHECKS" < "$OUT/files.txt"
  fi
done

python3 "$HERE/report.py" "$OUT" ${MARKDOWN:+--markdown "$MARKDOWN"}
echo "bench: results in $OUT" >&2
