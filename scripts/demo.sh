#!/usr/bin/env bash
# Sets up and builds pitfix, then shows what it would change in examples/:
# the compile database comes from examples/CMakeLists.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S examples -B build/examples -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
set +e
build/bin/pitfix -p build/examples --diff examples
status=$?
set -e
# 1 means "findings remain", which is the point of the demo.
[ "$status" -le 1 ]
