// Four workers refresh a shared cache from a slow backend while holding the
// cache's mutex, so their waits run one after another. After `pitfix --fix`
// the fetch (a same-file helper that sleeps like a network round trip) runs
// before the lock, the waits overlap, and the lock guards only the map
// update. The program is correct both ways; bench/io-under-lock.sh measures
// the wall time drop. Here: the fix is made, the fetch moved above the
// guard, and the fixed program runs clean under ThreadSanitizer.
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-io-under-lock %t.cpp -- -std=c++17 | FileCheck %s --check-prefix=REPORT
// REPORT: warning: 'fetch' blocks while 'mu' is held
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.cpp
// FIXED:      std::string value = fetch(key, delay_ms);
// FIXED-NEXT: std::lock_guard<std::mutex> lock(mu);
// FIXED-NEXT: cache[key] = value;
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 5 4 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: entries 16 bytes 112
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex mu;
std::map<int, std::string> cache;

// A slow backend: the answer arrives after a round trip.
static std::string fetch(int key, int delay_ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  return "value-" + std::to_string(key % 10);
}

void refresh(int key, int delay_ms) {
  std::lock_guard<std::mutex> lock(mu);
  std::string value = fetch(key, delay_ms);
  cache[key] = value;
}

int main(int argc, char **argv) {
  int delay_ms = argc > 1 ? std::atoi(argv[1]) : 20;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 10;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([w, rounds, delay_ms] {
      for (int r = 0; r < rounds; ++r)
        refresh(w * rounds + r, delay_ms);
    });
  for (std::thread &t : workers)
    t.join();
  size_t bytes = 0;
  for (const auto &[key, value] : cache)
    bytes += value.size();
  std::printf("entries %zu bytes %zu\n", cache.size(), bytes);
}
