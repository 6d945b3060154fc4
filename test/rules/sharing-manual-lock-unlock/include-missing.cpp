// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
// std::mutex comes through <condition_variable>; the guard's header is added.
#include <condition_variable>
#include <cstdio>

std::mutex mu;
std::condition_variable cv;
int ready;

void publish(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  if (n < 0) {
    std::puts("negative");
    mu.unlock();
    return;
  }
  ready = n;
  mu.unlock();
  cv.notify_all();
}

void reset() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock() and unlocked by hand
  ready = 0;
  mu.unlock();
}
