// The relock rule asks the LockModel, so a user's lock methods
// (mutexLockMethods and mutexUnlockMethods in a --rules-dir vocabulary)
// make a project's lock class a mutex for it too.
// RUN: rm -rf %t.vocab && mkdir -p %t.vocab
// RUN: printf 'names:\n  mutexLockMethods: [Acquire]\n  mutexUnlockMethods: [Release]\n' > %t.vocab/vocabulary.yaml
// RUN: %check_fix --pitfix-arg=--rules-dir=%t.vocab %s ordering-relock-same-mutex %t -- -std=c++17
// Without the entries, SpinLock is no mutex and nothing is reported.
// RUN: %expect_exit 0 %pitfix --quiet --checks=-*,ordering-relock-same-mutex %s -- -std=c++17

class SpinLock {
public:
  void Acquire();
  void Release();
};

class Stats {
public:
  void add(int v) {
    lock_.Acquire();
    total_ += v;
    if (total_ > 1000)
      reset();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the call to 'reset' locks 'lock_' again while it is held: a thread that locks a non-recursive mutex twice waits for itself forever [ordering-relock-same-mutex]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'lock_' is locked first here
    lock_.Release();
  }

private:
  void reset() {
    lock_.Acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'reset' locks 'lock_' here
    total_ = 0;
    lock_.Release();
  }
  SpinLock lock_;
  int total_ = 0;
};
