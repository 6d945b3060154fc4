// A std::vector pushed from several threads: the mutex beside it is held by
// the code that reads it, but the workers forget it. ThreadSanitizer reports
// the race before the fix; after `pitfix --fix` each push holds the mutex.
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
// AFTER: items 4000
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::mutex items_mu;
std::vector<int> items;

void produce(int base) {
  for (int i = 0; i < 1000; ++i)
    items.push_back(base + i);
}

std::size_t item_count() {
  std::lock_guard<std::mutex> lock(items_mu);
  return items.size();
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(produce, t * 1000);
  for (std::thread &t : threads)
    t.join();
  std::printf("items %zu\n", item_count());
}
