// A counter class that takes its mutex in add() but forgets it in
// add_bonus(): no thread is started in the class, yet its callers race.
// ThreadSanitizer reports it before the fix; after `pitfix --fix` the program
// is clean and the total is right.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: not timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: WARNING: ThreadSanitizer: data race
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,sharing-inconsistent-locking %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: total 40000
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

class Counter {
public:
  void add(long n) {
    std::lock_guard<std::mutex> lock(mu_);
    total_ += n;
  }
  void add_bonus(long n) {
    total_ += n; // forgets the lock
  }
  long total() const {
    std::lock_guard<std::mutex> lock(mu_);
    return total_;
  }

private:
  mutable std::mutex mu_;
  long total_ = 0;
};

int main() {
  Counter counter;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&counter, t] {
      for (int i = 0; i < 10000; ++i) {
        if (t % 2 == 0)
          counter.add(1);
        else
          counter.add_bonus(1);
      }
    });
  for (std::thread &t : threads)
    t.join();
  std::printf("total %ld\n", counter.total());
}
