// Two rules fix the same pitfall in one function: naming the guard puts the
// write under the lock, so the atomic conversion is not made too. Fixes of
// different rules in one function are verified one after the other, in
// source order: one whose pitfall an earlier fix removed is reported as
// fixed by that fix and not made (the golden has only the named guard).
// RUN: %check_fix %s sharing-unnamed-lock-guard,sharing-unsynchronized-write %t -- -std=c++17
// It counts as fixed: --fix exits 0, and the summary says so; --diff calls
// both fixable.
// RUN: cp %s %t.exit.cpp
// RUN: %pitfix --checks=-*,sharing-unnamed-lock-guard,sharing-unsynchronized-write --fix %t.exit.cpp -- -std=c++17 2>&1 | FileCheck %s --check-prefix=FIXED
// FIXED: pitfix: 2 fixed, 0 refused, 0 conflicts
// RUN: cp %s %t.diff.cpp
// RUN: %expect_exit 1 %pitfix --checks=-*,sharing-unnamed-lock-guard,sharing-unsynchronized-write --diff %t.diff.cpp -- -std=c++17 2> %t.diff.err > /dev/null
// RUN: FileCheck %s --check-prefix=DIFF --input-file %t.diff.err
// DIFF: note: the rewrite of the finding at 26:5 [sharing-unnamed-lock-guard] removes it too
// DIFF: pitfix: 2 fixable, 0 refused, 0 conflicts
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
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: fixed by the rewrite of the finding at 26:5 [sharing-unnamed-lock-guard]
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
