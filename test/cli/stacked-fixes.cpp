// Two rules fix the same pitfall in one function: naming the guard puts the
// write under the lock, so the atomic conversion is not made too. Fixes of
// different rules in one function are verified one after the other, in
// source order: one whose pitfall an earlier fix removed is reported with
// the reason and not made (the golden has only the named guard).
// RUN: %check_fix %s sharing-unnamed-lock-guard,sharing-unsynchronized-write %t -- -std=c++17
#include <mutex>
#include <thread>
#include <vector>

std::mutex mu;
int total = 0;

void add(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex>{mu};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' is never named: the mutex 'mu' is not held after this statement [sharing-unnamed-lock-guard]
    ++total;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'total' is written by spawned work with no lock held
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the rewrite of the finding at 16:5 [sharing-unnamed-lock-guard] removes this pitfall too
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(add, 1000);
  for (auto &t : threads)
    t.join();
  return total == 4000 ? 0 : 1;
}
