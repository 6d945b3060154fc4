// A counter "protected" by a lock guard that is never named: the guard
// unlocks at once, so the increments race. ThreadSanitizer reports it before
// the fix; after `pitfix --fix` the program is clean and the total is right.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-unnamed-lock-guard %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: total 40000
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::mutex mu;
long total = 0;

void add(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex>{mu};
    ++total;
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(add, 10000);
  for (std::thread &t : threads)
    t.join();
  std::printf("total %ld\n", total);
}
