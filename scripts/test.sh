#!/usr/bin/env bash
# Sets up and builds pitfix, then runs the whole test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j2
