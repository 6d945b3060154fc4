#!/usr/bin/env bash
# precommit-e2e.sh SRC TMP HOOK: installs the hook HOOK (pitfix or pitfix-fix)
# from this repository's .pre-commit-hooks.yaml with the real pre-commit tool
# into a throwaway git repository, stages a file with a pitfall, commits, and
# prints what happened for FileCheck. Offline: the hooks repository is a local
# clone made here.
set -euo pipefail
src=$1 tmp=$2 hook=$3
rm -rf "$tmp" && mkdir -p "$tmp"
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp/home"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hooks repository: this repository's hook definitions, committed.
mkdir "$tmp/hooks" && cd "$tmp/hooks" && git init -q .
cp "$src/.pre-commit-hooks.yaml" .
git add -A && git commit -qm hooks
rev=$(git rev-parse HEAD)

# The project: a source that needs its compile database (-Iinclude), found
# in build/.
mkdir -p "$tmp/work/src" "$tmp/work/include" "$tmp/work/build" && cd "$tmp/work"
git init -q .
printf '#pragma once\n#include <mutex>\n' > include/sync.h
printf '#include "sync.h"\nstd::mutex mu;\nint value;\nvoid set(int v) {\n  std::lock_guard<std::mutex>{mu};\n  value = v;\n}\n' > src/a.cpp
printf '[{"directory": "%s", "file": "src/a.cpp", "command": "clang++ -std=c++17 -Iinclude -c src/a.cpp"}]\n' "$tmp/work" > build/compile_commands.json
printf 'build/\n' > .gitignore
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: %s\n' "$tmp/hooks" "$rev" "$hook" > .pre-commit-config.yaml
pre-commit install > /dev/null
git add -A

echo "== first commit"
if git commit -qm "add a" > "$tmp/commit1.log" 2>&1; then
  echo "commit: accepted"
else
  echo "commit: stopped"
fi
cat "$tmp/commit1.log"
echo "== commits: $(git rev-list --all --count 2>/dev/null || echo 0)"
echo "== file"
cat src/a.cpp

if [ "$hook" = pitfix-fix ]; then
  echo "== second commit (fixed file staged)"
  git add -A
  if git commit -qm "add a" > "$tmp/commit2.log" 2>&1; then
    echo "commit: accepted"
  else
    echo "commit: stopped"
  fi
  cat "$tmp/commit2.log"
  echo "== commits: $(git rev-list --all --count)"
fi
