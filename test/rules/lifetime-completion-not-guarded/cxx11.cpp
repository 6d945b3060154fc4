// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++11
// The default guard needs nothing newer than C++11.
#include <future>
#include <thread>

void set_on_every_path(std::promise<void> &p, bool skip) {
  std::thread t([&p, skip] {
    if (skip)
      return;
    p.set_value();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value()' is skipped when the spawned body returns early
  });
  t.join();
}
