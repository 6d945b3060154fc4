// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// A join loop that counts like the spawn loop (same start, comparison and
// bound) joins every thread the spawn loop started: the path that skips its
// body also skipped the spawns. A loop that counts differently, or whose
// bound changes in between, does not.
#include <thread>
#include <vector>

void build(int *prog);
int flag_threads();
struct Options {
  int threads;
};

// re2's dfa_test: both loops run to a flag's value.
void build_in_parallel(int *prog) {
  std::vector<std::thread> threads;
  for (int j = 0; j < flag_threads(); j++)
    threads.emplace_back(build, prog);
  for (int j = 0; j < flag_threads(); j++)
    threads[j].join();
}

void constant_count(int *prog) {
  const int kThreads = 4;
  std::vector<std::thread> workers;
  for (int i = 0; i < kThreads; ++i)
    workers.push_back(std::thread(build, prog));
  for (int i = 0; i < kThreads; ++i)
    workers[i].join();
}

void member_count(const Options &opts, int *prog) {
  std::vector<std::thread> ts;
  for (int i = 0; i < opts.threads; i++)
    ts.emplace_back(build, prog);
  for (int i = 0; i < opts.threads; i++)
    ts[i].join();
}

// The join loop stops one short: the last thread is never joined.
void one_short(int n, int *prog) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' can reach the end of its scope holding joinable threads
  // CHECK-MESSAGES: :[[@LINE+6]]:1: note: a path that does not join them reaches here
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: fixed
  for (int i = 0; i < n; i++)
    ts.emplace_back(build, prog);
  for (int i = 0; i < n - 1; i++)
    ts[i].join();
}

// The bound changes between the loops.
void bound_changes(int n, int *prog) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' can reach the end of its scope holding joinable threads
  // CHECK-MESSAGES: :[[@LINE+8]]:1: note: a path that does not join them reaches here
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: fixed
  for (int i = 0; i < n; i++)
    ts.emplace_back(build, prog);
  for (int i = 0; i < n; i++) {
    ts[i].join();
    --n;
  }
}
