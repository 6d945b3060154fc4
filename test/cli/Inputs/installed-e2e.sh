#!/usr/bin/env bash
# installed-e2e.sh SRC PITFIX TMP: installs pitfix from the build tree of PITFIX into a prefix,
# moves the prefix elsewhere, builds the Debian package and unpacks it, and
# runs each installed pitfix (PITFIX_RULES_DIR unset, the build tree off the
# PATH) on a copy of examples/ and as the pre-commit hook, printing what
# FileCheck needs.
set -euo pipefail
src=$1 build=$(dirname "$(dirname "$2")") tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
unset PITFIX_RULES_DIR
export PATH=/usr/bin:/bin
cp -r "$src/examples" "$tmp/examples"
flags=(-- -std=c++20 -I"$tmp/examples/include")

echo "== install"
cmake --install "$build" --prefix "$tmp/stage" > "$tmp/install.log"
# A relocated prefix, out of the build tree (where a binary may fall back on
# the source tree's rules): only paths relative to the binary can work.
out=$(mktemp -d /tmp/pitfix-installed.XXXXXX)
trap 'rm -rf "$out"' EXIT
prefix=$out/prefix
mv "$tmp/stage" "$prefix"
(cd "$prefix" && find . -path ./share/doc/pitfix/docs/rules -prune -o \
  \( -name '*.md' -o -name pitfix -o -name '*.so' -o -name vocabulary.yaml \
     -o -name pre-commit-hooks.yaml -o -name 'sharing-io-under-lock.*' \) -print | sort)

echo "== build tree"
(cd "$tmp" && "$build/bin/pitfix" --quiet examples "${flags[@]}" > build-tree.txt || true)
wc -l < "$tmp/build-tree.txt"
echo "== installed"
(cd "$tmp" && "$prefix/bin/pitfix" --quiet examples "${flags[@]}" > installed.txt || true)
diff "$tmp/build-tree.txt" "$tmp/installed.txt" && echo "same findings"
echo "== installed plugin"
/usr/lib/llvm-19/bin/clang++ -fsyntax-only -std=c++20 -I"$tmp/examples/include" \
  -fplugin="$prefix/lib/pitfix-plugin.so" "$tmp/examples/src/transfer.cpp" 2>&1 |
  grep -c 'warning: .*\[ordering-multi-lock-order\]'
echo "== without its rules"
mv "$prefix/share/pitfix/rules" "$tmp/rules-away"
(cd "$tmp" && "$prefix/bin/pitfix" examples "${flags[@]}" 2>&1 || echo "exit $?")
mv "$tmp/rules-away" "$prefix/share/pitfix/rules"
echo "== PITFIX_RULES_DIR"
mkdir -p "$tmp/my-rules"
cp -r "$prefix/share/pitfix/rules/." "$tmp/my-rules/"
sed -i 's/^message: .*/message: "from PITFIX_RULES_DIR"/' \
  "$tmp/my-rules/ordering/ordering-multi-lock-order.yaml"
(cd "$tmp" && PITFIX_RULES_DIR="$tmp/my-rules" "$prefix/bin/pitfix" --quiet \
  examples/src/transfer.cpp "${flags[@]}" 2>&1 || true) | grep 'ordering-multi-lock-order'

echo "== deb"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/pkg" > "$tmp/cpack.log" 2>&1
deb=$(ls "$tmp"/pkg/pitfix_*.deb)
basename "$deb"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ (.*//' | sort
dpkg-deb -x "$deb" "$out/deb"
(cd "$tmp" && "$out/deb/usr/bin/pitfix" --quiet examples "${flags[@]}" > deb.txt || true)
diff "$tmp/build-tree.txt" "$tmp/deb.txt" && echo "same findings"

echo "== pre-commit hook with the installed pitfix on the PATH"
PATH="$prefix/bin:/usr/bin:/bin" bash "$src/test/cli/Inputs/precommit-e2e.sh" \
  "$src" "$tmp/hook" pitfix 2>&1
