// A user's lock methods (mutexLockMethods and mutexUnlockMethods in a
// --rules-dir vocabulary) reach every lock rule at once: the class becomes a
// mutex for manual locking, for the critical sections of io-under-lock, and
// for the guards that the unnamed-guard and lock-order rules look at.
// RUN: rm -rf %t.vocab && mkdir -p %t.vocab
// RUN: printf 'names:\n  mutexLockMethods: [acquire]\n  mutexUnlockMethods: [release]\n' > %t.vocab/vocabulary.yaml
// RUN: %check_fix --pitfix-arg=--rules-dir=%t.vocab %s sharing-manual-lock-unlock,sharing-io-under-lock,ordering-multi-lock-order,sharing-unnamed-lock-guard %t -- -std=c++17
// Without the entries, Spin is no mutex and none of the rules finds anything.
// RUN: %expect_exit 0 %pitfix --quiet --checks=-*,sharing-manual-lock-unlock,sharing-io-under-lock,ordering-multi-lock-order,sharing-unnamed-lock-guard %s -- -std=c++17
#include <unistd.h>

class Spin {
public:
  void acquire();
  void release();
};

class SpinGuard {
public:
  explicit SpinGuard(Spin &s) : s_(s) { s_.acquire(); }
  ~SpinGuard() { s_.release(); }

private:
  Spin &s_;
};

Spin table_spin;
int rows;

bool manual(int n) {
  table_spin.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_spin' is locked with acquire() and unlocked by hand: a return in between leaves it locked [sharing-manual-lock-unlock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the standard guards call lock() and unlock(), which 'Spin' does not have
  if (n < 0)
    return false;
  rows = n;
  table_spin.release();
  return true;
}

void io() {
  SpinGuard g(table_spin);
  ++rows;
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks while 'table_spin' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
}

void unnamed() {
  SpinGuard{table_spin};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SpinGuard' is never named: the mutex 'table_spin' is not held after this statement [sharing-unnamed-lock-guard]
  ++rows;
}

void order(Spin &a, Spin &b) {
  SpinGuard ga(a);
  SpinGuard gb(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' is locked while 'a' is held; take them in the same order everywhere [ordering-multi-lock-order]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'a' is locked first here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the order depends on the caller: both are parameters
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: 'SpinGuard' is not a standard guard that std::scoped_lock can replace
  ++rows;
}
