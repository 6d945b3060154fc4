// A counter incremented from several threads with no lock: increments are
// lost and ThreadSanitizer reports the race. After `pitfix --fix` the
// counter is a std::atomic<long>: the total is right and the run is clean.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-unsynchronized-write %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: total 400000
#include <cstdio>
#include <thread>
#include <vector>

long total = 0;

void add(int n) {
  for (int i = 0; i < n; ++i)
    ++total;
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(add, 100000);
  for (std::thread &t : threads)
    t.join();
  long result = total;
  std::printf("total %ld\n", result);
}
