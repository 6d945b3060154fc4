// A double-checked singleton on a plain pointer: the check outside the lock
// races with the creation under it, and ThreadSanitizer reports the race.
// After `pitfix --fix` the instance is a function-local static: the
// constructor runs once and the run is clean.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-racy-lazy-init %t.cpp -- -std=c++17
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.cpp
// FIXED: static Settings *instance = new Settings();
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: constructed 1 time(s), value 42
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::atomic<int> constructions{0};

class Settings {
public:
  static Settings *get();
  int value() const { return value_; }

private:
  Settings() : value_(42) { constructions.fetch_add(1); }
  int value_;
  static Settings *instance;
  static std::mutex mu;
};

Settings *Settings::instance = nullptr;
std::mutex Settings::mu;

Settings *Settings::get() {
  if (instance == nullptr) {
    std::lock_guard<std::mutex> lock(mu);
    if (instance == nullptr)
      instance = new Settings();
  }
  return instance;
}

int main() {
  std::vector<std::thread> threads;
  std::atomic<int> sum{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&sum] {
      for (int i = 0; i < 1000; ++i)
        sum += Settings::get()->value() == 42;
    });
  for (std::thread &t : threads)
    t.join();
  std::printf("constructed %d time(s), value %d\n", constructions.load(),
              Settings::get()->value());
  return sum == 8000 ? 0 : 1;
}
