// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++20
#include <future>
#include <latch>
#include <semaphore>
#include <stdexcept>
#include <thread>
#include <vector>

int parse(int v) {
  if (v < 0)
    throw std::invalid_argument("negative");
  return v;
}

void latch_count_down(std::vector<int> &out) {
  std::latch done(2);
  std::jthread a([&] {
    out[0] = parse(out[0]);
    done.count_down();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'done.count_down()' is skipped when the spawned body throws: a waiter may block forever [lifetime-completion-not-guarded]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'parse' may throw; an exception here skips 'done.count_down()'
  });
  done.wait();
}

std::counting_semaphore<4> slots(0);

void semaphore_release(bool ok) {
  std::thread t([ok] {
    if (!ok)
      return;
    slots.release();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'slots.release()' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: this return skips 'slots.release()'
  });
  t.detach();
}

// The promise's value does not depend on the body: the guard can set it.
void promise_value(std::promise<int> &p, int n) {
  std::thread t([&p, n] {
    if (n > 100)
      return;
    p.set_value(42);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(42)' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: this return skips 'p.set_value(42)'
  });
  t.join();
}
