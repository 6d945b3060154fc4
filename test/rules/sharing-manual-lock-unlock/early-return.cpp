// RUN: %check_fix %s sharing-manual-lock-unlock %t -- -std=c++17
#include <mutex>
#include <stdexcept>

std::mutex mu;
int balance;

bool withdraw(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand: a return in between leaves it locked [sharing-manual-lock-unlock]
  if (balance < n)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'mu' stays locked when this returns
  balance -= n;
  mu.unlock();
  return true;
}

// Every path unlocks before it leaves: not reported (strict mode does).
bool withdraw_unlocking_first(int n) {
  mu.lock();
  if (balance < n) {
    mu.unlock();
    return false;
  }
  balance -= n;
  mu.unlock();
  return true;
}

int parse(int n) {
  if (n < 0)
    throw std::invalid_argument("negative");
  return n;
}

void deposit(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  balance += parse(n);
  mu.unlock();
}

void deposit_or_throw(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  if (n < 0)
    throw std::invalid_argument("negative");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'mu' stays locked when this throws
  balance += n;
  mu.unlock();
}

void drain(const int *xs, int count) {
  for (int i = 0; i < count; ++i) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock()
    if (xs[i] == 0)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'mu' stays locked when this leaves the block
    if (xs[i] < 0)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'mu' stays locked when this leaves the block
    balance += xs[i];
    mu.unlock();
  }
}
