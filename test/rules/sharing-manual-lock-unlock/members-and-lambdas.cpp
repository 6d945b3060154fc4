// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++20
#include <mutex>
#include <thread>
#include <vector>

class Counter {
public:
  // 'this->mu_' and 'mu_' are the same mutex; the class's member 'lock'
  // makes the guard 'guard'.
  void add(int n) {
    this->mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'this->mu_' is locked with lock() and unlocked by hand
    if (n < 0)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'this->mu_' stays locked when this returns
    count_ += n;
    mu_.unlock();
  }
  int lock = 0;

private:
  std::mutex mu_;
  int count_ = 0;
};

int spawn() {
  std::mutex m;
  int total = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      m.lock();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'm' is locked with lock() and unlocked by hand
      if (i == 2)
        return;
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: 'm' stays locked when this returns
      total += i;
      m.unlock();
    });
  for (std::thread &t : threads)
    t.join();
  // One-line blocks.
  { m.lock(); total++; m.unlock(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is locked with lock() and unlocked by hand
  { m.lock(); total++; m.unlock(); total--; }
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is locked with lock() and unlocked by hand
  return total;
}
