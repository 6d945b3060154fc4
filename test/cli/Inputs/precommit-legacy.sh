#!/usr/bin/env bash
# precommit-legacy.sh SRC TMP ARGS...: a repository with a legacy file that
# already has a finding (committed without hooks), then the `pitfix` hook
# from this repository's .pre-commit-hooks.yaml with `args: [ARGS...]`;
# commits a one-line edit elsewhere in the legacy file, then a new pitfall,
# and prints what happened for FileCheck.
set -euo pipefail
src=$1 tmp=$2
shift 2
rm -rf "$tmp" && mkdir -p "$tmp"
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp/home"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

mkdir "$tmp/hooks" && cd "$tmp/hooks" && git init -q .
cp "$src/.pre-commit-hooks.yaml" .
git add -A && git commit -qm hooks
rev=$(git rev-parse HEAD)

mkdir -p "$tmp/work/src" "$tmp/work/build" && cd "$tmp/work"
git init -q .
printf '#include <mutex>\nstd::mutex mu;\nint value;\nvoid set(int v) {\n  std::lock_guard<std::mutex>{mu};\n  value = v;\n}\nint get() { return value; }\n' > src/a.cpp
printf '[{"directory": "%s", "file": "src/a.cpp", "command": "clang++ -std=c++17 -c src/a.cpp"}]\n' "$tmp/work" > build/compile_commands.json
printf 'build/\n' > .gitignore
args=$(printf '%s, ' "$@")
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: pitfix\n        args: [%s]\n' "$tmp/hooks" "$rev" "${args%, }" > .pre-commit-config.yaml
if [ "${1:-}" = --baseline ]; then
  pitfix --quiet --write-baseline "$2" src/a.cpp 2>/dev/null
fi
git add -A && git commit -qm legacy --no-verify
pre-commit install > /dev/null

commit() {
  git add -A
  if git commit -qm "$1" > "$tmp/log" 2>&1; then echo "$1: accepted"; else echo "$1: stopped"; fi
  cat "$tmp/log"
}
echo "== a one-line edit of the legacy file"
sed -i 's/return value;/return value + 0;/' src/a.cpp
commit edit
echo "== a new pitfall"
printf 'std::mutex other;\nvoid reset() {\n  std::lock_guard<std::mutex>{other};\n  value = 0;\n}\n' >> src/a.cpp
commit new
