// One bad line makes std::stoi throw inside a thread: nothing catches it,
// std::terminate ends the whole process and the sum is never printed. After
// `pitfix --fix` the thread's body is wrapped in try/catch: the bad line is
// reported, the others are summed, clean under ThreadSanitizer.
//
// RUN: %clangxx -std=c++17 -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: terminate called after throwing
// BEFORE-NOT: sum
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-exception-escapes-thread %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after > %t.after.out 2>&1
// RUN: FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer --input-file %t.after.out
// AFTER-DAG: exception escaping a spawned thread: stoi
// AFTER-DAG: sum 42
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int main() {
  std::vector<std::string> lines = {"12", "x7", "30"};
  std::atomic<int> sum{0};
  std::vector<std::thread> threads;
  for (const std::string &line : lines)
    threads.emplace_back([&sum, line] {
      sum += std::stoi(line);
    });
  for (std::thread &t : threads)
    t.join();
  std::printf("sum %d\n", sum.load());
}
