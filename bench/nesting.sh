#!/usr/bin/env bash
# Analysis cost against parse cost on generated inputs (issue 13 item 12):
#   nested-D.cpp  lambdas nested D deep, each spawned on a std::thread,
#                 each level locking a mutex, waiting and counting;
#   wide.cpp      about LINES lines of many small classes with locks,
#                 condition variables and threads, written correctly;
#   pitfalls.cpp  about LINES lines of namespaces of ordinary functions with
#                 threads, locks, loops and the pitfalls the rules report
#                 (about 10 findings per 83 lines), so that every action runs.
# For each input: CPU time (user+sys) of `clang++-19 -fsyntax-only` (the
# parse, the floor), and of pitfix in each mode: `base`, pitfix with one
# benchmark-only rule that matches nothing (pitfix's own parse, which skips
# the bodies of system functions, and one traversal); `report`, every rule;
# `diff`, every rule with --diff (rewrites verified by parsing the unit
# again, system bodies included). Best of RUNS runs; ratios to the parse,
# and report/base: what the analysis adds to pitfix's own parse.
#
#   bench/nesting.sh [--pitfix PATH] [--depth N[,N...]] [--lines N]
#                    [--inputs "nested wide pitfalls"]
#                    [--modes "base report diff"] [--runs N] [--keep DIR]
set -euo pipefail

PITFIX="$(dirname "$0")/../build/bin/pitfix"
DEPTH=300
LINES=50000
RUNS=3
KEEP=""
INPUTS="nested wide pitfalls"
MODES="base report diff"
while [ $# -gt 0 ]; do
  case "$1" in
    --pitfix) PITFIX="$2"; shift 2 ;;
    --depth) DEPTH="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    --inputs) INPUTS="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
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
out, depths, lines = sys.argv[1], [int(d) for d in sys.argv[2].split(",")], int(sys.argv[3])
head = """#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>
"""
# (a) Lambdas nested `depth` deep, each one the body of a spawned thread.
for depth in depths:
  with open(f"{out}/nested-{depth}.cpp", "w") as f:
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
# (c) Namespaces of ordinary functions with the pitfalls the rules report.
pitfalls = """
namespace unit{n} {{
std::mutex mu, other;
std::condition_variable cv;
std::vector<int> queue;
int hits = 0;
bool ready = false;
volatile bool stop = false;
std::atomic<int> pending{{0}};

void produce(int v) {{
  std::lock_guard<std::mutex> g(mu);
  queue.push_back(v);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}}

int consume() {{
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk);
  if (queue.empty())
    return -1;
  int v = queue.back();
  queue.pop_back();
  return v;
}}

int drain() {{
  mu.lock();
  if (queue.empty()) {{
    mu.unlock();
    return 0;
  }}
  int s = 0;
  for (int v : queue)
    s += v;
  queue.clear();
  mu.unlock();
  return s;
}}

void ordered() {{
  std::lock_guard<std::mutex> a(mu);
  std::lock_guard<std::mutex> b(other);
  ++hits;
}}

void reversed() {{
  std::lock_guard<std::mutex> b(other);
  std::lock_guard<std::mutex> a(mu);
  --hits;
}}

void count(int k) {{
  std::vector<std::thread> ts;
  for (int i = 0; i < k; ++i)
    ts.emplace_back([&] {{ hits += i; }});
  for (auto &t : ts)
    t.join();
}}

void spin() {{
  std::thread t([] {{
    while (!stop)
      produce(1);
  }});
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  t.join();
}}

void fire(int v) {{
  std::thread t([v] {{ produce(v); }});
  if (v < 0)
    return;
  t.join();
}}

void later() {{
  std::async(std::launch::async, [] {{ produce(2); }});
  pending.fetch_add(1);
  std::thread([] {{ pending.fetch_sub(1); }}).detach();
}}
}} // namespace unit{n}
"""
per = pitfalls.count("\n")
with open(out + "/pitfalls.cpp", "w") as f:
    f.write(head)
    for n in range(max(1, lines // per)):
        f.write(pitfalls.format(n=n))
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
# The rule of the base mode: matches nothing, and no unit is skipped for it.
rm -rf "$DIR/base-rules"
mkdir -p "$DIR/base-rules"
cat > "$DIR/base-rules/sharing-bench-no-match.yaml" <<'EOF'
id: sharing-bench-no-match
family: sharing
severity: warning
summary: benchmark-only rule that matches nothing
seed: "bench/nesting.sh"
description: |
  Benchmark-only rule: pitfix's parse and one traversal, no analysis.
match: |
  stmt(unless(anything())).bind("temp")
prefilter: false
action: name-guard
message: "benchmark-only rule"
EOF

printf '%-16s %7s %8s' input lines parse_s
for mode in $MODES; do printf ' %9s %7s' "${mode}_s" ratio; done
case " $MODES " in *" base "*) case " $MODES " in *" report "*) printf ' %11s' report/base ;; esac ;; esac
printf '\n'
FILES=""
for input in $INPUTS; do
  if [ "$input" = nested ]; then
    for d in ${DEPTH//,/ }; do FILES="$FILES nested-$d"; done
  else
    FILES="$FILES $input"
  fi
done
# Nesting past 256 brackets needs a deeper limit than clang's default.
MAXDEPTH=$(echo "${DEPTH//,/ }" | tr ' ' '\n' | sort -n | tail -1)
flags="-std=c++20 -w -fbracket-depth=$((4 * MAXDEPTH + 256))"
for input in $FILES; do
  f="$DIR/$input.cpp"
  parse=$(cpu clang++-19 $flags -fsyntax-only "$f")
  printf '%-16s %7s %8s' "$input.cpp" "$(wc -l < "$f")" "$parse"
  base="" report=""
  for mode in $MODES; do
    case "$mode" in
      base) tool=$(cpu "$PITFIX" --quiet --rules-dir "$DIR/base-rules" \
                     --checks='-*,sharing-bench-no-match' "$f" -- $flags); base=$tool ;;
      report) tool=$(cpu "$PITFIX" --quiet "$f" -- $flags); report=$tool ;;
      diff) tool=$(cpu "$PITFIX" --quiet --diff "$f" -- $flags) ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    printf ' %9s %7s' "$tool" "$(awk "BEGIN { printf \"%.2f\", $tool / $parse }")"
  done
  if [ -n "$base" ] && [ -n "$report" ]; then
    printf ' %11s' "$(awk "BEGIN { printf \"%.2f\", $report / $base }")"
  fi
  printf '\n'
done
