// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++20
// The work is a lambda held in a local variable.
#include <latch>
#include <thread>
#include <utility>

void only_spawned(std::latch &l, bool skip) {
  auto work = [&] {
    if (skip)
      return;
    l.count_down();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'l.count_down()' is skipped when the spawned body returns early
  };
  std::thread t(work);
  std::thread u(std::move(work));
  t.join();
  u.join();
}

void also_called(std::latch &l, bool skip) {
  auto work = [&] {
    if (skip)
      return;
    l.count_down();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'l.count_down()' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: not rewritten: the lambda 'work' is also used other than as a thread's work
  };
  std::thread t(work);
  t.join();
  work();
}
