// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
// Strict mode (C++ Core Guidelines CP.20): every manual pair is reported,
// and the message says that no path leaves it locked today.
#include <mutex>

std::mutex mu;
int balance;

void straight_line(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: no path leaves it locked today; a guard keeps it so (strict mode, C++ Core Guidelines CP.20) [sharing-manual-lock-unlock]
  balance += n;
  mu.unlock();
}

bool early(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: a return in between leaves it locked [sharing-manual-lock-unlock]
  if (n < 0)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'mu' stays locked when this returns
  balance += n;
  mu.unlock();
  return true;
}
