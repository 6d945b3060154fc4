#!/bin/bash
# libstdc++'s own thread tests before and after `pitfix --fix`: fetches
# Debian's gcc-12 source, takes libstdc++-v3/testsuite/30_threads (and the
# testsuite/util headers its tests include), builds every test that compiles
# with the system's g++ and runs the `dg-do run` ones, runs pitfix (a report,
# then --fix) over them, builds and runs every test the fix changed, and
# exits 1 when a test that passed before fails after, or a changed test no
# longer compiles.
#
#   bench/libstdcxx-thread-tests.sh [--workdir DIR] [--pitfix PATH] [--cxx CXX]
#                                   [--jobs N] [--timeout SECONDS]
#                                   [--only REGEX] [--pitfix-arg ARG]...
#
#   --workdir     where the source and the runs go (default
#                 /tmp/pitfix-libstdcxx-threads); the source is fetched once
#                 into DIR/src, each run starts from a fresh copy in DIR/run
#   --pitfix      the binary to run (default: build/bin/pitfix of this tree)
#   --cxx         the compiler that builds the tests (default g++-12, else g++;
#                 clang++-19 works too)
#   --jobs        tests built or run at once, and pitfix's -j (default 2)
#   --timeout     seconds a test may run (default 60; some tests sleep)
#   --only        keep the tests whose path (30_threads/...) matches REGEX
#   --pitfix-arg  one more argument for both pitfix runs (e.g. --checks=...)
#
# Results in DIR/run: plan.json (each test's mode and flags, or why it is
# left out), compile_commands.json, before.json and after.json (each test's
# build and run), report.txt (pitfix's findings without --fix), fix.txt
# (with --fix), changed.txt and changes.diff (what the fix changed), and
# summary.txt (what it prints at the end). Not a test: CTest never runs it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORKDIR=/tmp/pitfix-libstdcxx-threads
PITFIX=$ROOT/build/bin/pitfix
CXX=""
JOBS=2
TIMEOUT=60
ONLY=""
PITFIX_ARGS=()

while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) WORKDIR=$2; shift 2 ;;
    --pitfix) PITFIX=$2; shift 2 ;;
    --cxx) CXX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --pitfix-arg) PITFIX_ARGS+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "bench/libstdcxx-thread-tests.sh: unknown argument '$1' (see --help)" >&2
       exit 2 ;;
  esac
done
[ -x "$PITFIX" ] || { echo "bench: no pitfix at $PITFIX (build it first)" >&2; exit 2; }
PITFIX=$(cd "$(dirname "$PITFIX")" && pwd)/$(basename "$PITFIX")
if [ -z "$CXX" ]; then
  CXX=$(command -v g++-12 || command -v g++ || true)
fi
command -v "$CXX" >/dev/null || { echo "bench: no compiler '$CXX'" >&2; exit 2; }
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
HELPER=(nice python3 "$HERE/libstdcxx_thread_tests.py")

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
. "$HERE/deb-src.sh"

# fetch: DIR/src/gcc-12.2.0/libstdc++-v3/testsuite with 30_threads and util
# only. Debian's orig tarball holds upstream's tarball; only the testsuite's
# two directories are unpacked from it.
TESTSUITE_REL=libstdc++-v3/testsuite
fetch() {
  local src=$WORKDIR/src dl=$WORKDIR/src/download inner top
  top=$(find "$src" -maxdepth 1 -type d -name 'gcc-12*' 2>/dev/null | sort | tail -1)
  if [ -n "$top" ] && [ -d "$top/$TESTSUITE_REL/30_threads" ]; then
    echo "$top/$TESTSUITE_REL"; return 0
  fi
  mkdir -p "$dl"
  command -v dpkg-source >/dev/null || as_root apt-get install -y -qq dpkg-dev >&2
  ensure_deb_src
  if ! ls "$dl"/gcc-12_*.orig.tar.* >/dev/null 2>&1; then
    echo "bench: apt-get source --download-only gcc-12 (about 90 MB)" >&2
    (cd "$dl" && apt-get source -qq --download-only gcc-12 >&2)
  fi
  inner=$(tar tf "$dl"/gcc-12_*.orig.tar.* | grep -E '/gcc-12[^/]*\.tar\.(xz|gz|bz2)$' | head -1)
  [ -n "$inner" ] || { echo "bench: no upstream tarball inside gcc-12's orig tarball" >&2; exit 2; }
  tar xf "$dl"/gcc-12_*.orig.tar.* -C "$dl" "$inner"
  top=$(tar tf "$dl/$inner" | head -1 | cut -d/ -f1)
  tar xf "$dl/$inner" -C "$src" --wildcards "$top/$TESTSUITE_REL/30_threads/*" \
    "$top/$TESTSUITE_REL/util/*"
  rm -f "$dl/$inner"
  echo "$src/$top/$TESTSUITE_REL"
}

TESTSUITE=$(fetch)
RUN=$WORKDIR/run
# A new run keeps only the build before the fix (before/, before.json,
# before.stamp), reused when the plan and the compiler are the same.
mkdir -p "$RUN"
find "$RUN" -mindepth 1 -maxdepth 1 ! -name 'before*' -exec rm -rf {} +
mkdir -p "$RUN/pristine" "$RUN/tests"
cp -a "$TESTSUITE/30_threads" "$RUN/pristine/"
if [ -n "$ONLY" ]; then
  (cd "$RUN/pristine" && find 30_threads -name '*.cc' | grep -Ev -- "$ONLY" |
     xargs -r rm -f)
fi
cp -a "$RUN/pristine/30_threads" "$RUN/tests/"
echo "bench: $("$CXX" --version | head -1); pitfix $PITFIX; $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

# The testsuite's helpers that some tests link (testsuite_hooks.cc,
# testsuite_allocator.cc), as libstdc++'s harness builds libtestc++.a.
LIB=$RUN/libtestc++.a
for f in testsuite_hooks testsuite_allocator; do
  nice "$CXX" -std=gnu++17 -O2 -I"$TESTSUITE/util" -c "$TESTSUITE/util/$f.cc" \
    -o "$RUN/$f.o"
done
ar rcs "$LIB" "$RUN/testsuite_hooks.o" "$RUN/testsuite_allocator.o"

"${HELPER[@]}" plan "$RUN/tests/30_threads" "$TESTSUITE/util" "$RUN" "$CXX"
STAMP=$( (cat "$RUN/plan.json"; "$CXX" --version; echo "$TIMEOUT") | sha256sum)
if [ "$(cat "$RUN/before.stamp" 2>/dev/null)" = "$STAMP" ] && [ -f "$RUN/before.json" ]; then
  echo "bench: the build before the fix is that of the last run (same plan and compiler)"
else
  rm -rf "$RUN/before" "$RUN/before.json" "$RUN/before.stamp"
  "${HELPER[@]}" build "$RUN" before "$JOBS" "$TIMEOUT" "$LIB"
  echo "$STAMP" > "$RUN/before.stamp"
fi

# pitfix over the tests that compiled, with their flags.
python3 - "$RUN" <<'PY'
import json, os, sys
run = sys.argv[1]
before = json.load(open(os.path.join(run, "before.json")))
db = [e for e in json.load(open(os.path.join(run, "compile_commands.json")))
      if before[os.path.relpath(e["file"], os.path.join(run, "tests"))]["compiled"]]
json.dump(db, open(os.path.join(run, "compile_commands.json"), "w"), indent=1)
open(os.path.join(run, "inputs.txt"), "w").write("".join(e["file"] + "\n" for e in db))
PY
mapfile -t INPUTS < "$RUN/inputs.txt"
pitfix_run() {
  local out=$1 status=0
  shift
  (cd "$RUN" && nice "$PITFIX" -p "$RUN" -j "$JOBS" --color=never \
     "${PITFIX_ARGS[@]}" "$@" "${INPUTS[@]}") > "$out" 2>&1 || status=$?
  # 0 nothing left, 1 findings remain, 2 a unit that does not parse with
  # clang (reported in the output); anything else is a crash.
  if [ "$status" -gt 2 ]; then
    echo "bench: pitfix $* exited with $status (see $out)" >&2
    tail -20 "$out" >&2
    exit 1
  fi
}
pitfix_run "$RUN/report.txt"
pitfix_run "$RUN/fix.txt" --fix
grep -E '^pitfix: .*(error|not compile)' "$RUN/report.txt" || true

(cd "$RUN/tests" && find 30_threads -name '*.cc' | sort | while read -r f; do
   cmp -s "$f" "../pristine/$f" || echo "$f"
 done) > "$RUN/changed.txt"
(cd "$RUN" && diff -ru pristine tests > changes.diff) || true
if [ -s "$RUN/changed.txt" ]; then
  "${HELPER[@]}" build "$RUN" after "$JOBS" "$TIMEOUT" "$LIB" "$RUN/changed.txt"
fi
"${HELPER[@]}" compare "$RUN" "$RUN/report.txt" "$RUN/fix.txt" "$RUN/changed.txt" "$TIMEOUT"
