// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
#include <mutex>
#include <string>

std::mutex mu;
std::string last;

// 'copy' is destroyed after the unlock: a lock_guard would destroy it with
// the mutex held, so the unlock stays (through a unique_lock).
void remember(const std::string &s) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  std::string copy = last;
  last = s;
  mu.unlock();
}

// A local of a nested block is gone before the unlock: a lock_guard.
void forget() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  {
    std::string empty;
    last.swap(empty);
  }
  mu.unlock();
}
