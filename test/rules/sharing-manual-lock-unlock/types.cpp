// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++11
// C++11: no class template argument deduction, the type is spelled.
#include <mutex>

namespace app {
using Mutex = std::recursive_mutex;
}

struct Account {
  int balance = 0;
  app::Mutex mu;
  std::mutex *shared_mu = nullptr;

  void deposit(int n) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock() and unlocked by hand
    balance += n;
    mu.unlock();
  }

  bool withdraw(int n) {
    shared_mu->lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'shared_mu' is locked with lock() and unlocked by hand
    if (balance < n)
      return false;
    balance -= n;
    shared_mu->unlock();
    return true;
  }
};

// A project mutex: any class with lock() and unlock().
class SpinLock {
public:
  void lock() {}
  void unlock() {}
};

SpinLock spin;
int counter;

void bump(const int *by) {
  spin.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'spin' is locked with lock() and unlocked by hand
  if (!by) {
    spin.unlock();
    return;
  }
  counter += *by;
  spin.unlock();
}

void through_reference(std::mutex &m) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is locked with lock() and unlocked by hand
  ++counter;
  m.unlock();
}
