// A volatile stop flag: the worker polls it, main sets it. volatile is not
// synchronisation, and ThreadSanitizer reports the race. After
// `pitfix --fix` the flag is a std::atomic<bool> and the run is clean.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-volatile-sync %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: stopped
#include <chrono>
#include <cstdio>
#include <thread>

volatile bool stop = false;
long spins = 0;

void worker() {
  while (!stop)
    ++spins;
}

int main() {
  std::thread t(worker);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stop = true;
  t.join();
  std::printf("%s\n", spins > 0 ? "stopped" : "never ran");
}
