// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++17
#include <mutex>

std::mutex mu;
int balance;

void braces(int n) {
  std::lock_guard<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' is never named: the mutex 'mu' is not held after this statement [sharing-unnamed-lock-guard]
  balance += n;
}

void ctad(int n) {
  std::lock_guard{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard' is never named
  balance += n;
}

void parens_with_two_args(int n) {
  mu.lock();
  std::unique_lock<std::mutex>(mu, std::adopt_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' is never named
  balance += n;
}

void name_taken(int n) {
  int lock = n;
  std::scoped_lock<std::mutex>{mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::scoped_lock<std::mutex>' is never named
  balance += lock;
}
