// Fixes of different rules in one function, verified one after the other
// in source order: the atomic conversion of a write before the unnamed
// guard is still needed and made; the guard, once named, holds the lock
// over the write after it, whose atomic conversion is then not made.
// RUN: %check_fix %s sharing-unnamed-lock-guard,sharing-unsynchronized-write %t -- -std=c++17
#include <mutex>
#include <thread>
#include <vector>

std::mutex mu;
int calls = 0;
int hits = 0;

void count(int n) {
  ++calls;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'calls' is written by spawned work with no lock held
  std::lock_guard<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' is never named
  hits += n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'hits' is written by spawned work with no lock held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: fixed by the rewrite of the finding at 17:3 [sharing-unnamed-lock-guard]
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(count, 1);
  for (auto &t : threads)
    t.join();
  return calls == 4 && hits == 4 ? 0 : 1;
}
