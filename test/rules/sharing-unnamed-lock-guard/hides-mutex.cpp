// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++17
#include <mutex>
#include <shared_mutex>

struct Counter {
  std::mutex mu;
  int value = 0;

  void bump() {
    std::unique_lock<std::mutex>(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::unique_lock<std::mutex>' is never named: the mutex 'mu' is not held after this statement [sharing-unnamed-lock-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: this declares a new, unlocked 'std::unique_lock<std::mutex>' named 'mu' that hides the mutex
    ++value;
  }
};

std::shared_mutex global_mu;
int total;

void add(int n) {
  std::shared_lock<std::shared_mutex>(global_mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_lock<std::shared_mutex>' is never named
  // CHECK-MESSAGES: :[[@LINE-2]]:39: note: this declares a new
  total += n;
}
