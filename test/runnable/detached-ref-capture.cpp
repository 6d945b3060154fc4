// A detached thread captures the locals of the function that starts it by
// reference; the function returns at once and the thread reads its dead
// stack frame, which later calls reuse. Before the fix ThreadSanitizer
// reports the race with the reuse (or the total comes out wrong and the
// program fails); after `pitfix --fix` the thread holds copies, the program
// is clean and the total is right.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-detached-ref-capture %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: total 100
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

std::atomic<int> total{0};
std::atomic<int> finished{0};

// Starts a job that adds `amount` to the total a little later.
void start_job(int id) {
  int amount = id * 10;
  std::thread([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total += amount;
    ++finished;
  }).detach();
}

// Overwrites the stack where start_job's locals lived.
int scribble(int seed) {
  volatile int noise[64];
  for (int k = 0; k < 64; ++k)
    noise[k] = seed * 1000 + k;
  return noise[seed % 64];
}

int main() {
  for (int id = 1; id <= 4; ++id)
    start_job(id);
  scribble(7);
  while (finished.load() < 4)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::printf("total %d\n", total.load());
  return total.load() == 100 ? 0 : 1;
}
