#!/usr/bin/env bash
# Installs what pitfix needs from Debian's packages (only what is missing),
# then configures and builds it with CMake and Ninja under build/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build gcc g++ python3 git
  llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 llvm-19-tools
  libclang-rt-19-dev clang-tools-19 clang-tidy-19 clang-format-19
  libyaml-cpp-dev libgtest-dev pre-commit ccache dpkg-dev
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
