// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// A project guard named like a holder (abseil's SpinLockHolder) holds its
// lock for its scope: writes under it are not reported; without it they are.
#include <thread>
#include <vector>

class SpinLock {
public:
  void Lock();
  void Unlock();
};

class SpinLockHolder {
public:
  explicit SpinLockHolder(SpinLock *l) : lock_(l) { lock_->Lock(); }
  ~SpinLockHolder() { lock_->Unlock(); }

private:
  SpinLock *lock_;
};

SpinLock map_lock;
int reused = 0;
int unguarded = 0;

void touch() {
  SpinLockHolder l(&map_lock);
  reused++;
}

void touch_unguarded() {
  unguarded++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'unguarded' is written by spawned work with no lock held, and the work is spawned in a loop, so several threads run it at once
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the spawning loop
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: fixed
}

void run() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back(touch);
    threads.emplace_back(touch_unguarded);
  }
  for (auto &t : threads)
    t.join();
}
