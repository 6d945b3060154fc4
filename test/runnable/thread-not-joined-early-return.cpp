// A batch that turns out empty returns before joining its counting thread:
// std::thread's destructor calls std::terminate and the total is never
// printed. After `pitfix --fix` the thread is a std::jthread, which joins
// in its destructor: the program prints the right total, clean under
// ThreadSanitizer.
//
// RUN: %clangxx -std=c++20 -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: terminate called without an active exception
// BEFORE-NOT: total
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-thread-not-joined %t.cpp -- -std=c++20
// RUN: %clangxx -std=c++20 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: batch of 3
// AFTER-NEXT: empty batch
// AFTER-NEXT: total 6
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

int summarize(const std::vector<int> &items, std::atomic<int> &total) {
  std::thread counter([&items, &total] {
    for (int v : items)
      total += v;
  });
  if (items.empty()) {
    std::printf("empty batch\n");
    return 0;
  }
  counter.join();
  std::printf("batch of %zu\n", items.size());
  return static_cast<int>(items.size());
}

int main() {
  std::atomic<int> total{0};
  summarize({1, 2, 3}, total);
  summarize({}, total);
  std::printf("total %d\n", total.load());
}
