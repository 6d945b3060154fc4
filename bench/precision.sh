#!/bin/bash
# Precision on real code: runs pitfix (report only, every rule) over Debian
# source packages and prints the findings per rule per code base, so that
# every finding can be read by hand (docs/precision.md keeps the verdicts).
#
#   bench/precision.sh [--workdir DIR] [--pitfix PATH] [--jobs N]
#                      [--bases "leveldb spdlog ..."] [--out DIR]
#
#   --workdir  where the code bases live (default: $PITFIX_CORPUS or
#              /work/corpus); a code base that is missing there is fetched
#              with `apt-get source` and configured for compile_commands.json
#   --pitfix   the binary to run (default: build/bin/pitfix of this tree)
#   --jobs     translation units in parallel (default 2)
#   --bases    which code bases (default: all eighteen below)
#   --out      where each code base's findings go, one <base>.txt file with
#              pitfix's full output (default: a new directory under /tmp)
#
# Code bases and how they are configured (Debian 12 source packages):
#   leveldb      cmake, tests and benchmarks off
#   spdlog       cmake, tests on, the system's fmt
#   fish         cmake
#   btop         a written database: -std=c++20 -Isrc -Iinclude
#   cpp-httplib  a written database for test/*.cc example/*.cc: -std=c++14 -I.
#   mpd          meson, auto features off, no docs, no tests
#   libthread-pool  a written database for its test: -std=c++17 -Iinclude
#   readerwriterqueue  a written database for tests/ and benchmarks/
#   re2          a written database for re2/, re2/testing/ and util/:
#                -std=c++11 -I. (its CMakeLists needs generated tables
#                that the +dfsg tarball leaves out)
#   zeromq3      cmake (libzmq 4.3.4), its tests on, no libsodium, no docs,
#                no precompiled header, static only
#   cppcheck     cmake (2.10), threads for -j instead of fork(), no tests,
#                no precompiled headers
#   thrift       cmake (0.17.0), the C++ library only (no compiler, no
#                other languages, no OpenSSL, no tests)
#   rocksdb      cmake (7.8.3), no gflags, tests or tools; the database
#                kept to the threaded support code: util/ monitoring/ env/
#                cache/ port/ logging/ file/ memory/ utilities/
#   abseil       cmake (20220623.1) with its tests (the system's gtest),
#                kept to absl/synchronization base flags profiling container
#                time
#   fswatch      autotools (1.14.0, upstream tarball: its configure.ac's
#                duplicate AC_CONFIG_MACRO_DIR dropped, as Debian does) for
#                config.h, then a written database: libfswatch's C and C++
#                sources for Linux (inotify, poll) and the fswatch tool
#   i2pd         a written database (2.45.1): libi2pd, libi2pd_client,
#                daemon and i18n, -std=c++17
#   dnsdist      configure (1.7.3) for config.h (Lua, libedit, Boost; the
#                optional features off), then a written database of its
#                sources and tests
#   libtorrent-rasterbar  a written database (2.0.8): src/ and examples/,
#                -std=c++17, OpenSSL
# Boost 1.74 needs -Wno-error=enum-constexpr-conversion with Clang 19.
# When the mirror has a package's upstream tarball but not its Debian
# packaging, the upstream tarball is unpacked as <package>-<version>.
# Not a test: it is never run by CTest. It edits no source of the code
# bases (fswatch: one duplicate line of configure.ac, as above).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORKDIR=${PITFIX_CORPUS:-/work/corpus}
PITFIX=$ROOT/build/bin/pitfix
JOBS=2
BASES="leveldb spdlog fish btop cpp-httplib mpd libthread-pool readerwriterqueue re2 zeromq3 cppcheck thrift rocksdb abseil fswatch i2pd dnsdist libtorrent-rasterbar"
OUT=""

while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) WORKDIR=$2; shift 2 ;;
    --pitfix) PITFIX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --bases) BASES=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "bench/precision.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$PITFIX" ] || { echo "bench: no pitfix at $PITFIX (build it first)" >&2; exit 2; }
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
[ -n "$OUT" ] || OUT=$(mktemp -d /tmp/pitfix-precision.XXXXXX)
mkdir -p "$OUT"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# install PKG...: the packages that are not installed yet.
install() {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "bench: installing$missing" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
}

# apt-get source needs a deb-src entry.
. "$HERE/deb-src.sh"

# source_dir PACKAGE: the unpacked source of PACKAGE in WORKDIR, fetched
# when it is not there yet.
source_dir() {
  local pkg=$1 dir
  dir=$(find "$WORKDIR" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  if [ -z "$dir" ]; then
    install dpkg-dev
    ensure_deb_src
    (cd "$WORKDIR" && apt-get source -qq "$pkg" >&2) || {
      as_root apt-get update -qq
      (cd "$WORKDIR" && apt-get source -qq "$pkg" >&2)
    } || unpack_orig "$pkg"
    dir=$(find "$WORKDIR" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -1)
  fi
  [ -n "$dir" ] || { echo "bench: apt-get source $pkg gave no directory" >&2; return 1; }
  echo "$dir"
}

# unpack_orig PACKAGE: the upstream tarball alone (its Debian packaging
# missing from the mirror), unpacked as WORKDIR/PACKAGE-VERSION.
unpack_orig() {
  local pkg=$1 tarball version
  (cd "$WORKDIR" && apt-get source -qq --download-only "$pkg" >&2) || true
  tarball=$(find "$WORKDIR" -maxdepth 1 -name "${pkg}_*.orig.tar.*" | sort | tail -1)
  [ -n "$tarball" ] || return 1
  version=$(basename "$tarball" | sed -E "s/^${pkg}_([0-9][^+~-]*).*/\1/")
  version=${version%.orig.tar.*}
  mkdir -p "$WORKDIR/$pkg-$version"
  tar xf "$tarball" -C "$WORKDIR/$pkg-$version" --strip-components=1
}

# written_db SRC FLAGS FILE...: a compile database with one entry per file.
written_db() {
  local src=$1 flags=$2
  shift 2
  mkdir -p "$src/build"
  python3 - "$src" "$flags" "$@" > "$src/build/compile_commands.json" <<'PY'
import json, sys
src, flags, files = sys.argv[1], sys.argv[2], sys.argv[3:]
print(json.dumps([{"directory": src, "file": f,
                   "arguments": ["clang++-19"] + flags.split() +
                                ["-pthread", "-c", f]}
                  for f in files], indent=1))
PY
}

# keep_dirs SRC DIR...: keeps the entries of SRC/build/compile_commands.json
# whose file is under one of the DIRs (relative to SRC).
keep_dirs() {
  local src=$1
  shift
  python3 - "$src" "$@" <<'PY'
import json, os, sys
src, dirs = sys.argv[1], sys.argv[2:]
path = os.path.join(src, "build", "compile_commands.json")
db = json.load(open(path))
keep = [e for e in db
        if any(os.path.relpath(os.path.join(e["directory"], e["file"]), src)
               .startswith(d + "/") for d in dirs)]
json.dump(keep, open(path, "w"), indent=1)
PY
}

# configure BASE SRC: writes SRC/build/compile_commands.json.
configure() {
  local base=$1 src=$2
  [ -f "$src/build/compile_commands.json" ] && return 0
  echo "bench: configuring $base" >&2
  local cmake=(cmake -S "$src" -B "$src/build" -G Ninja
               -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_COMPILER=clang-19
               -DCMAKE_CXX_COMPILER=clang++-19)
  case "$base" in
    leveldb)
      install cmake ninja-build clang-19
      "${cmake[@]}" -DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF >&2 ;;
    spdlog)
      install cmake ninja-build clang-19 libfmt-dev catch2
      "${cmake[@]}" -DCMAKE_BUILD_TYPE=Release -DSPDLOG_BUILD_TESTS=ON \
        -DSPDLOG_FMT_EXTERNAL=ON >&2 ;;
    fish)
      install cmake ninja-build clang-19 libncurses-dev libpcre2-dev gettext
      "${cmake[@]}" >&2 ;;
    btop)
      install clang-19
      written_db "$src" "-std=c++20 -Isrc -Iinclude" \
        $(cd "$src" && ls "$PWD"/src/*.cpp "$PWD"/src/linux/*.cpp) ;;
    cpp-httplib)
      install clang-19 libgtest-dev libssl-dev zlib1g-dev libbrotli-dev
      written_db "$src" "-std=c++14 -I." \
        $(cd "$src" && ls "$PWD"/test/*.cc "$PWD"/example/*.cc | sort) ;;
    mpd)
      install meson ninja-build clang-19 libboost-dev libfmt-dev
      (cd "$src" && CC=clang-19 CXX=clang++-19 meson setup build \
        -Dauto_features=disabled -Ddocumentation=disabled -Dtest=false >&2) ;;
    libthread-pool)
      install clang-19 libgtest-dev
      written_db "$src" "-std=c++17 -Iinclude" "$src/test/thread_pool_test.cpp" ;;
    readerwriterqueue)
      install clang-19
      written_db "$src" "-std=c++11 -I." \
        $(cd "$src" && ls "$PWD"/tests/*/*.cpp "$PWD"/benchmarks/*.cpp | sort) ;;
    re2)
      # Its CMakeLists lists the generated tables the +dfsg tarball leaves
      # out: every source that is there, with its tests.
      install clang-19
      written_db "$src" "-std=c++11 -I." \
        $(cd "$src" && ls "$PWD"/re2/*.cc "$PWD"/re2/testing/*.cc "$PWD"/util/*.cc | sort) ;;
    zeromq3)
      install cmake ninja-build clang-19
      "${cmake[@]}" -DWITH_LIBSODIUM=OFF -DWITH_DOCS=OFF \
        -DENABLE_PRECOMPILED=OFF -DBUILD_SHARED=OFF -DBUILD_TESTS=ON >&2 ;;
    cppcheck)
      install cmake ninja-build clang-19
      "${cmake[@]}" -DUSE_THREADS=ON -DBUILD_TESTS=OFF -DENABLE_OSS_FUZZ=OFF \
        -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >&2 ;;
    thrift)
      install cmake ninja-build clang-19 libboost-dev libevent-dev
      "${cmake[@]}" -DBUILD_COMPILER=OFF -DBUILD_JAVA=OFF \
        -DBUILD_JAVASCRIPT=OFF -DBUILD_NODEJS=OFF -DBUILD_PYTHON=OFF \
        -DBUILD_C_GLIB=OFF -DWITH_QT5=OFF -DBUILD_TESTING=OFF \
        -DBUILD_TUTORIALS=OFF -DWITH_OPENSSL=OFF >&2 ;;
    rocksdb)
      install cmake ninja-build clang-19
      "${cmake[@]}" -DWITH_GFLAGS=OFF -DWITH_TESTS=OFF \
        -DWITH_BENCHMARK_TOOLS=OFF -DWITH_TOOLS=OFF -DWITH_CORE_TOOLS=OFF \
        -DWITH_ALL_TESTS=OFF -DFAIL_ON_WARNINGS=OFF -DPORTABLE=ON \
        -DROCKSDB_BUILD_SHARED=OFF >&2
      keep_dirs "$src" util monitoring env cache port logging file memory \
        utilities ;;
    abseil)
      install cmake ninja-build clang-19 libgtest-dev libgmock-dev
      "${cmake[@]}" -DBUILD_TESTING=ON -DABSL_BUILD_TESTING=ON \
        -DABSL_USE_EXTERNAL_GOOGLETEST=ON -DABSL_FIND_GOOGLETEST=ON \
        -DCMAKE_CXX_STANDARD=17 >&2
      keep_dirs "$src" absl/synchronization absl/base absl/flags \
        absl/profiling absl/container absl/time ;;
    fswatch)
      install clang-19 autoconf automake libtool autopoint gettext
      (cd "$src" && sed -i '/^AC_CONFIG_MACRO_DIR(\[m4\])$/d' configure.ac &&
        autoreconf -fi >&2 && CC=clang-19 CXX=clang++-19 ./configure >&2)
      written_db "$src" "-std=c++11 -DHAVE_CONFIG_H -DLOCALEDIR=\"/usr/share/locale\" -I. -Ilibfswatch/src -Ilibfswatch/src/libfswatch" \
        $(cd "$src" && ls "$PWD"/libfswatch/src/libfswatch/c/*.cpp \
          "$PWD"/libfswatch/src/libfswatch/c++/*.cpp "$PWD"/fswatch/src/*.cpp |
          grep -Ev '/(fen|fsevents|kqueue|windows)_monitor\.cpp$' | sort) ;;
    i2pd)
      install clang-19 libboost-dev libssl-dev zlib1g-dev
      written_db "$src" "-std=c++17 -Wno-error=enum-constexpr-conversion -Ilibi2pd -Ilibi2pd_client -Ii18n -Idaemon" \
        $(cd "$src" && ls "$PWD"/libi2pd/*.cpp "$PWD"/libi2pd_client/*.cpp \
          "$PWD"/daemon/*.cpp "$PWD"/i18n/*.cpp | grep -v Win32 | sort) ;;
    dnsdist)
      # configure for config.h only (Lua, libedit and Boost; the optional
      # features off), then a written database of its sources and tests.
      install clang-19 libboost-dev liblua5.3-dev libedit-dev libssl-dev \
        pkg-config
      [ -f "$src/config.h" ] || (cd "$src" && CC=clang-19 CXX=clang++-19 ./configure --disable-dnstap \
        --without-net-snmp --without-libcap --without-ebpf --without-lmdb \
        --without-nghttp2 --disable-dns-over-tls --disable-dns-over-https \
        --without-libsodium >&2)
      written_db "$src" "-std=c++17 -Wno-error=enum-constexpr-conversion -DHAVE_CONFIG_H -I. -I/usr/include/lua5.3 -I/usr/include/editline -Iext/yahttp -Iext/protozero/include -DSYSCONFDIR=\"/etc/dnsdist\" -DBOOST_CONTAINER_USE_STD_EXCEPTIONS" \
        $(cd "$src" && ls "$PWD"/*.cc | sort) ;;
    libtorrent-rasterbar)
      install clang-19 libboost-dev libssl-dev
      written_db "$src" "-std=c++17 -Wno-error=enum-constexpr-conversion -Iinclude -DTORRENT_BUILDING_LIBRARY -DTORRENT_USE_OPENSSL -DTORRENT_USE_LIBCRYPTO -DBOOST_ASIO_ENABLE_CANCELIO" \
        $(cd "$src" && ls "$PWD"/src/*.cpp "$PWD"/examples/*.cpp | sort) ;;
    *) echo "bench: unknown code base '$base'" >&2; return 1 ;;
  esac
}

# The Debian source package of each code base.
package_of() {
  case "$1" in
    cpp-httplib) echo cpp-httplib ;;
    *) echo "$1" ;;
  esac
}

{
  echo "pitfix: $PITFIX ($(git -C "$(dirname "$PITFIX")" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "code bases: $WORKDIR"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
} >&2

RULES=$("$PITFIX" --list-checks | tail -n +2 | awk '{print $1}' | sort)
TOTAL="$OUT/all.txt"
: > "$TOTAL"
for base in $BASES; do
  src=$(source_dir "$(package_of "$base")")
  configure "$base" "$src"
  ntu=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
    "$src/build/compile_commands.json")
  echo "bench: $base ($ntu compile commands)" >&2
  # Exit status 1 means findings; 2 a file that does not compile (the
  # summary says how many), which is reported but does not stop the run.
  "$PITFIX" -p "$src/build" -j "$JOBS" "$src" > "$OUT/$base.txt" 2>&1 || true
  grep -E ': warning: .*\[[a-z-]+\]$' "$OUT/$base.txt" |
    sed -E "s/^/$base /" >> "$TOTAL" || true
  grep -E '^pitfix: [0-9]+ translation units' "$OUT/$base.txt" >&2 || true
done

# The table: one row per rule, one column per code base.
python3 - "$TOTAL" "$BASES" $RULES <<'PY'
import re, sys
total, bases, rules = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
count = {}
for line in open(total):
    base, rest = line.split(" ", 1)
    m = re.search(r"\[([a-z-]+)\]$", rest.strip())
    if m:
        count[(m.group(1), base)] = count.get((m.group(1), base), 0) + 1
w = max(len(r) for r in rules)
print("%-*s %s %6s" % (w, "rule", " ".join("%11s" % b[:11] for b in bases), "total"))
for r in rules:
    row = [count.get((r, b), 0) for b in bases]
    print("%-*s %s %6d" % (w, r, " ".join("%11d" % n for n in row), sum(row)))
col = [sum(count.get((r, b), 0) for r in rules) for b in bases]
print("%-*s %s %6d" % (w, "all", " ".join("%11d" % n for n in col), sum(col)))
PY
echo "bench: findings in $OUT (<base>.txt: pitfix's output, all.txt: every warning)" >&2
