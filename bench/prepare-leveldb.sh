#!/bin/bash
# Prepares the benchmark's code base: leveldb from Debian's source package,
# configured with CMake (clang-19) to get compile_commands.json.
#
#   bench/prepare-leveldb.sh WORKDIR
#
# Installs what it needs (as root, with apt-get), adds a deb-src line for
# bookworm to apt's sources when there is none, and runs `apt-get source
# leveldb` in WORKDIR. Idempotent: a second run reuses what is there. Prints
# the source directory (whose build/ holds the compilation database) last.
set -euo pipefail

WORKDIR=${1:?usage: prepare-leveldb.sh WORKDIR}
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Tools: the parse floor, the compared tool, GNU time for wall time and
# peak memory, dpkg-source for apt-get source, and leveldb's test and
# benchmark dependencies (its tests are part of the measured code base).
PACKAGES="clang-19 clang-tidy-19 time dpkg-dev cmake ninja-build libgtest-dev
          libgmock-dev libbenchmark-dev"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bench: installing$missing" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi

# apt-get source needs a deb-src entry. Debian 12 keeps its sources in
# deb822 form (/etc/apt/sources.list.d/debian.sources); add ours beside it.
. "$(cd "$(dirname "$0")" && pwd)/deb-src.sh"
ensure_deb_src

SRC=$(find "$WORKDIR" -maxdepth 1 -type d -name 'leveldb-*' | sort | tail -1)
if [ -z "$SRC" ]; then
  (cd "$WORKDIR" && apt-get source -qq leveldb >&2) || {
    # A stale package list may lack the sources; refresh once and retry.
    as_root apt-get update -qq
    (cd "$WORKDIR" && apt-get source -qq leveldb >&2)
  }
  SRC=$(find "$WORKDIR" -maxdepth 1 -type d -name 'leveldb-*' | sort | tail -1)
fi
[ -n "$SRC" ] || { echo "bench: apt-get source leveldb gave no directory" >&2; exit 1; }

# Configure with clang-19 so that the database holds clang's flags; the
# configure step also writes port_config.h and export.h, which every TU
# includes. No need to compile: the tools parse the sources themselves.
if [ ! -f "$SRC/build/compile_commands.json" ]; then
  cmake -S "$SRC" -B "$SRC/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 >&2
fi
echo "$SRC"
