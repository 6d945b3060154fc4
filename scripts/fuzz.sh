#!/usr/bin/env bash
# Fuzzes the rule, vocabulary and configuration loaders under libFuzzer
# (coverage-guided, with AddressSanitizer): every error must say
# file:line:col, and nothing may crash or leak.
#
#   scripts/fuzz.sh [SECONDS] [libFuzzer options...]
#
# Installs what is missing (scripts/bootstrap.sh), builds build-fuzz/ with
# clang++-19 and -DPITFIX_LIBFUZZER=ON, seeds build-fuzz/corpus with the
# shipped rule files, the vocabulary and a configuration (the first byte of
# an input says which it is), and fuzzes for SECONDS (default 60). A failing
# input is saved as build-fuzz/crash-*; run it again with
#   build-fuzz/bin/pitfix-config-libfuzzer build-fuzz/crash-...
# Not part of CTest: the seeded pitfix-config-fuzz test is.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift

scripts/bootstrap.sh
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER=clang++-19 -DPITFIX_LIBFUZZER=ON
cmake --build build-fuzz -j2 --target pitfix-config-libfuzzer

corpus=build-fuzz/corpus
mkdir -p "$corpus"
seed() { # seed KIND-BYTE NAME FILE
  { printf "\\$(printf '%03o' "$1")"; cat "$3"; } > "$corpus/$2"
}
for f in rules/*/*.yaml; do seed 0 "rule-$(basename "$f")" "$f"; done
seed 1 vocabulary.yaml rules/vocabulary.yaml
cat > build-fuzz/config-seed.yaml <<'YAML'
Checks: "-*,sharing-*,ordering-multi-lock-order"
InheritParentConfig: false
CheckOptions:
  sharing-unnamed-lock-guard:
    names: [lock, guard]
Vocabulary:
  names:
    guardClasses: [my::Guard, "/my::.*Lock$/"]
  matchers:
    myMutex: "cxxRecordDecl(hasName(\"my::Mutex\"))"
YAML
seed 2 config.yaml build-fuzz/config-seed.yaml

exec build-fuzz/bin/pitfix-config-libfuzzer -max_total_time="$seconds" \
  -artifact_prefix=build-fuzz/ -print_final_stats=1 "$@" "$corpus"
