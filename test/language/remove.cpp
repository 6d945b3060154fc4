// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-no-yield %t -- -std=c++17
// remove: a statement goes with its line; the lone body of an if becomes {}
// so that the next statement does not become the body.
#include <atomic>
#include <thread>
std::atomic<bool> ready{false};
void next();

void spin() {
  while (!ready)
    std::this_thread::yield();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::yield()' spins [acme-no-yield]
  if (!ready) std::this_thread::yield();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::this_thread::yield()' spins [acme-no-yield]
  next();
}

void spin_block() {
  while (!ready) {
    std::this_thread::yield();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::yield()' spins [acme-no-yield]
  }
}
