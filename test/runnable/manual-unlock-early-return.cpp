// Two workers add up items under a mutex locked and unlocked by hand. An
// item that is rejected returns early with the mutex still locked, so the
// next lock() waits forever (killed by timeout, or stopped by
// ThreadSanitizer's double-lock report). After `pitfix --fix` a guard
// releases the mutex on every return and the program completes.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 5 %t.before > %t.before.out 2>&1
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-manual-lock-unlock %t.cpp -- -std=c++17
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.cpp
// FIXED: std::unique_lock<std::mutex> lock(mu);
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 20 %t.after 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: accepted 858 rejected 142 total 429429
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex mu;
long total = 0;
int accepted = 0;
int rejected = 0;

bool add(int item) {
  mu.lock();
  if (item % 7 == 0) {
    ++rejected;
    return false; // the mutex stays locked
  }
  total += item;
  ++accepted;
  mu.unlock();
  return true;
}

void worker(int first, int last) {
  for (int i = first; i < last; ++i)
    add(i);
}

int main() {
  std::thread a(worker, 1, 501);
  std::thread b(worker, 501, 1001);
  a.join();
  b.join();
  std::printf("accepted %d rejected %d total %ld\n", accepted, rejected, total);
}
