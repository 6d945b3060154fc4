#!/usr/bin/env bash
# Analysis cost against parse cost on two generated inputs (issue 13 item 12):
#   nested.cpp  lambdas nested DEPTH deep, each spawned on a std::thread,
#               each level locking a mutex, waiting and counting;
#   wide.cpp    about LINES lines of many small functions with locks,
#               condition variables and threads (the shapes the rules match).
# For each input: CPU time (user+sys) of `clang++-19 -fsyntax-only` (the
# parse, the floor) and of `pitfix` with every rule (report only), best of
# RUNS runs, and the ratio pitfix/parse.
#
#   bench/nesting.sh [--pitfix PATH] [--depth N] [--lines N] [--runs N]
#                    [--keep DIR]
set -euo pipefail

PITFIX="$(dirname "$0")/../build/bin/pitfix"
DEPTH=300
LINES=50000
RUNS=3
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pitfix) PITFIX="$2"; shift 2 ;;
    --depth) DEPTH="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$PITFIX" ] || { echo "no pitfix at $PITFIX (build it first)" >&2; exit 2; }
command -v clang++-19 >/dev/null || { echo "clang++-19 is needed" >&2; exit 2; }

DIR="${KEEP:-$(mktemp -d)}"
mkdir -p "$DIR"
[ -n "$KEEP" ] || trap 'rm -rf "$DIR"' EXIT

python3 - "$DIR" "$DEPTH" "$LINES" <<'EOF'
import sys
out, depth, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
head = """#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
"""
# (a) Lambdas nested `depth` deep, each one the body of a spawned thread.
with open(out + "/nested.cpp", "w") as f:
    f.write(head + "std::mutex m;\nstd::condition_variable cv;\n"
            "int counter;\nbool ready;\n\nvoid run() {\n")
    for i in range(depth):
        ind = "  " * (i + 1)
        f.write(f"{ind}std::thread t{i}([&] {{\n")
        f.write(f"{ind}  std::unique_lock<std::mutex> lk{i}(m);\n")
        f.write(f"{ind}  cv.wait(lk{i}, [] {{ return ready; }});\n")
        f.write(f"{ind}  ++counter;\n")
        f.write(f"{ind}  lk{i}.unlock();\n")
    for i in reversed(range(depth)):
        ind = "  " * (i + 1)
        f.write(f"{ind}}});\n{ind}t{i}.join();\n")
    f.write("}\n")
# (b) Many small functions, about `lines` lines in all.
body = """
struct Worker{n} {{
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> items;
  bool done = false;
  void push(int v) {{
    {{
      std::lock_guard<std::mutex> g(mu);
      items.push_back(v);
    }}
    cv.notify_one();
  }}
  int pop() {{
    std::unique_lock<std::mutex> lk(mu);
    cv.wait(lk, [this] {{ return !items.empty() || done; }});
    if (items.empty())
      return -1;
    int v = items.back();
    items.pop_back();
    return v;
  }}
  void run(int k) {{
    std::vector<std::thread> ts;
    for (int i = 0; i < k; ++i)
      ts.emplace_back([this, i] {{ push(i); }});
    for (auto &t : ts)
      t.join();
  }}
  int sum() {{
    mu.lock();
    int s = 0;
    for (int v : items)
      s += v;
    mu.unlock();
    return s;
  }}
}};
"""
per = body.count("\n")
with open(out + "/wide.cpp", "w") as f:
    f.write(head)
    for n in range(max(1, lines // per)):
        f.write(body.format(n=n))
EOF

# user+sys seconds of a command, best of RUNS.
cpu() {
  local best="" t
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%U %S' -o "$DIR/time" "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$DIR/time" | awk '{ printf "%.2f", $1 + $2 }')
    if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; fi
  done
  echo "$best"
}

printf 'load: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %8s %10s %10s %7s\n' input lines parse_s pitfix_s ratio
for input in nested wide; do
  f="$DIR/$input.cpp"
  # Nesting past 256 brackets needs a deeper limit than clang's default.
  flags="-std=c++20 -fbracket-depth=$((4 * DEPTH + 256))"
  parse=$(cpu clang++-19 $flags -fsyntax-only "$f")
  tool=$(cpu "$PITFIX" --quiet "$f" -- $flags)
  printf '%-12s %8s %10s %10s %7s\n' "$input.cpp" "$(wc -l < "$f")" "$parse" \
    "$tool" "$(awk "BEGIN { printf \"%.2f\", $tool / $parse }")"
done
