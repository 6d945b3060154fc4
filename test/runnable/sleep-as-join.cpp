// A detached worker computes a result; main sleeps "long enough" and reads
// it. The work takes longer than the sleep: main prints the old value and
// ThreadSanitizer reports the race between the worker's write and main's
// read. After `pitfix --fix` the thread is joined in place of the sleep:
// main reads the result after the work is done, and the run is clean.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,ordering-sleep-as-sync %t.cpp -- -std=c++17
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.cpp
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// BEFORE: ThreadSanitizer: data race
// FIXED: {{^}}  std::thread worker(compute);
// FIXED-NEXT: {{^}}  worker.join();
// CHECK: result 42
#include <chrono>
#include <cstdio>
#include <thread>

int result = 0;

// Work that takes a while (longer than the sleep below hopes).
void compute() {
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  result = 42;
}

int main() {
  std::thread worker(compute);
  worker.detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::printf("result %d\n", result);
  // Stay alive until the work writes, so the race is seen.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
}
