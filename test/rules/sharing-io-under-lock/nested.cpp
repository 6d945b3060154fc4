// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <chrono>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex mu;
std::mutex other;
int state;

// The guard lives in a nested block; the sleep sits in a branch.
void step(bool slow) {
  int seen = 0;
  {
    std::lock_guard<std::mutex> lock(mu);
    seen = ++state;
    if (slow) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
    }
  }
  state += seen;
}

// The write reads what the section stored: it leaves the guard's block.
void settle(int fd) {
  int old;
  {
    std::lock_guard<std::mutex> lock(mu);
    old = state;
    state = 0;
    ::write(fd, &old, sizeof old);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'write' blocks while 'mu' is held
  }
  ++state;
}

// Two locks, the inner one in a block of its own: above the inner lock the
// sleep would still hold the outer one. A sleep is no output that 'other'
// could exist to serialise, although 'other' guards nothing else in the
// file: the rewrite is withdrawn.
void both() {
  std::lock_guard<std::mutex> outer(other);
  {
    std::lock_guard<std::mutex> inner(mu);
    ++state;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the pitfall would still be there after the rewrite: 'std::this_thread::sleep_for' blocks while 'other' is held
  }
}
