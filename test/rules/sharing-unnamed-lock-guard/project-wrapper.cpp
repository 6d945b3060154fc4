// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++17
// Project lock wrappers are recognised by name and by taking a mutex.
#include <mutex>

class SpinMutex {
public:
  void lock() {}
  void unlock() {}
};

class ScopedLock {
public:
  explicit ScopedLock(SpinMutex *m) : m_(m) { m_->lock(); }
  ~ScopedLock() { m_->unlock(); }

private:
  SpinMutex *m_;
};

class Cache {
public:
  void put(int v) {
    ScopedLock(&this->mu_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ScopedLock' is never named: the mutex '&this->mu_' is not held after this statement [sharing-unnamed-lock-guard]
    value_ = v;
  }

private:
  SpinMutex mu_;
  int value_ = 0;
};

// A guard-like name that takes no mutex is not a lock guard.
class ScopeGuard {
public:
  explicit ScopeGuard(int) {}
};

void unrelated() { ScopeGuard(3); }
