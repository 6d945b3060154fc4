#!/bin/bash
# Beyond the parse floor: the pre-filter, the result cache and
# --first-command-only, measured side by side in one run on one code base.
# Not a test: it is never run by CTest.
#
#   bench/incremental.sh [--workdir DIR] [--pitfix PATH] [--db BUILD_DIR]
#                        [--jobs N] [--markdown FILE]
#
#   --db       a build directory with compile_commands.json (default:
#              leveldb from Debian's source package, see prepare-leveldb.sh)
#   --jobs     parallelism of every run (default 2)
#
# Each row is one run: CPU seconds (user+sys, from GNU time), wall seconds,
# units parsed, and whether its findings equal those of the plain run.
#   floor           clang++-19 -fsyntax-only over every compile command
#   all-bodies      pitfix --no-prefilter --parse-system-bodies (every unit
#                   parsed in full, as the floor parses it)
#   plain           pitfix --no-prefilter (every unit parsed; function bodies
#                   of system headers skipped, the default)
#   prefilter       pitfix (units that spell no name a rule needs skipped)
#   first-command   pitfix --first-command-only
#   cache-cold      pitfix --cache-dir (empty cache: parse and store)
#   cache-warm      the same again, nothing changed
#   cache-touched   after one source file's content changed
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORKDIR=${PITFIX_BENCH_DIR:-/var/tmp/pitfix-bench}
PITFIX=$ROOT/build/bin/pitfix
DB=""
JOBS=2
MARKDOWN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) WORKDIR=$2; shift 2 ;;
    --pitfix) PITFIX=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --markdown) MARKDOWN=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench/incremental.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$PITFIX" ] || { echo "bench: no pitfix at $PITFIX (build it first)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -z "$DB" ]; then
  DB=$("$HERE/prepare-leveldb.sh" "$WORKDIR" | tail -1)/build
fi
DB=$(cd "$DB" && pwd)
OUT=$WORKDIR/incremental/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
CACHE=$OUT/cache

python3 "$HERE/tu_commands.py" files "$DB" 0 > "$OUT/files.txt"
python3 "$HERE/tu_commands.py" syntax-only "$DB" "$OUT/files.txt" > "$OUT/floor-commands.txt"
mapfile -t FILES < "$OUT/files.txt"
NFILES=${#FILES[@]}
NCMDS=$(wc -l < "$OUT/floor-commands.txt")

# run NAME CMD...: GNU time's report to NAME.time, stdout (the findings) to
# NAME.out, stderr (the summary) to NAME.err.
run() {
  local name=$1
  shift
  echo "bench: $name" >&2
  (cd "$DB" && /usr/bin/time -f '%U %S %e' -o "$OUT/$name.time" "$@" \
    > "$OUT/$name.out" 2> "$OUT/$name.err") || true
}
pitfix() { run "$1" "$PITFIX" -p "$DB" -j "$JOBS" "${@:2}" "${FILES[@]}"; }

run floor xargs -d '\n' -n 1 -P "$JOBS" sh -c < "$OUT/floor-commands.txt"
pitfix all-bodies --no-prefilter --parse-system-bodies
pitfix plain --no-prefilter
pitfix prefilter
pitfix first-command --first-command-only
pitfix cache-cold --no-prefilter --cache-dir "$CACHE"
pitfix cache-warm --no-prefilter --cache-dir "$CACHE"
# Change one source's content (a trailing comment), measure, restore it.
TOUCHED=${FILES[0]}
cp "$TOUCHED" "$OUT/touched.orig"
echo "// bench: touched" >> "$TOUCHED"
pitfix cache-touched --no-prefilter --cache-dir "$CACHE"
cp "$OUT/touched.orig" "$TOUCHED"

python3 - "$OUT" "$NFILES" "$NCMDS" "$MARKDOWN" <<'PY'
import re, sys
out, nfiles, ncmds, md = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def cpu(name):
    u, s, e = open(f"{out}/{name}.time").read().split()[-3:]
    return float(u) + float(s), float(e)
def parsed(name):
    err = open(f"{out}/{name}.err").read()
    m = re.search(r"pitfix: (\d+) translation units? ", err)
    units = int(m.group(1)) if m else 0
    m = re.search(r"(\d+) skipped by the pre-filter.*?, (\d+) replayed", err)
    skipped, cached = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    return units - skipped - cached, skipped, cached
plain = open(f"{out}/plain.out").read()
floor_cpu, floor_wall = cpu("floor")
rows = [("floor", floor_cpu, floor_wall, str(ncmds) + " commands", "", "")]
for name in ["all-bodies", "plain", "prefilter", "first-command", "cache-cold", "cache-warm", "cache-touched"]:
    c, w = cpu(name)
    p, s, k = parsed(name)
    same = "yes" if open(f"{out}/{name}.out").read() == plain else "NO"
    if name == "cache-touched":
        same = "(one file changed)"
    rows.append((name, c, w, f"{p} parsed, {s} skipped, {k} cached", f"{c / floor_cpu:.2f}x", same))
lines = [f"code base: {out} ({nfiles} files, {ncmds} compile commands)", "",
         "| run | CPU s | wall s | units | CPU / floor | same findings as plain |",
         "|---|---|---|---|---|---|"]
for r in rows:
    lines.append(f"| {r[0]} | {r[1]:.1f} | {r[2]:.1f} | {r[3]} | {r[4]} | {r[5]} |")
print("\n".join(lines))
if md:
    open(md, "w").write("\n".join(lines) + "\n")
PY
echo "bench: results in $OUT" >&2
