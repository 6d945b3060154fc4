#!/usr/bin/env bash
# Checks that the lines a change touches in lib/, tools/ and test/unit/ are
# formatted as the root .clang-format says (clang-format 19), as LLVM's own
# review checks a patch: code that no change touches is left as it is.
#
# Usage: scripts/check_format.sh [BASE]
#   Compares the working tree with BASE (default: HEAD~1, the last commit's
#   change). Exit 0: formatted; 1: the diff clang-format wants is printed;
#   77: skipped, with the reason (no clang-format 19, no BASE commit).
set -uo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
if ! command -v git-clang-format-19 >/dev/null || ! command -v clang-format-19 >/dev/null; then
  echo "check_format: skipped: clang-format-19 is not installed (scripts/bootstrap.sh installs it)"
  exit 77
fi
if ! git rev-parse --verify -q "$base^{commit}" >/dev/null 2>&1; then
  echo "check_format: skipped: no commit '$base' to compare with (a shallow clone?)"
  exit 77
fi
out=$(git-clang-format-19 --binary "$(command -v clang-format-19)" --diff "$base" \
        -- lib tools test/unit 2>&1)
if grep -q '^diff ' <<<"$out"; then
  echo "$out"
  echo "check_format: the lines above changed since $base are not formatted;" \
       "run: git-clang-format-19 $base"
  exit 1
fi
echo "check_format: the lines changed since $base are formatted"
