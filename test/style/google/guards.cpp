// RUN: %check_fix %s lifetime-completion-not-guarded,sharing-manual-lock-unlock %t -- -std=c++17
// A file in Google style: the guard pitfix declares on one line is laid out
// as the style lays out a struct, the rest keeps its spelling.
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

std::mutex mu;
int balance;

void set_on_every_path(std::promise<void>& p, bool skip) {
  std::thread t([&p, skip] {
    if (skip) return;
    p.set_value();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value()' is skipped when the spawned body returns early
  });
  t.join();
}

int parse(int n) {
  if (n < 0) throw std::invalid_argument("negative");
  return n;
}

void deposit(int n) {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is locked with lock()
  balance += parse(n);
  mu.unlock();
}
