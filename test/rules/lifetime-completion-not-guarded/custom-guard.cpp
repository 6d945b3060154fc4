// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/custom-guard %s lifetime-completion-not-guarded %t -- -std=c++20 -I %S/Inputs
#include <latch>
#include <thread>

void count_down_on_every_path(std::latch &done, bool skip) {
  std::thread t([&] {
    if (skip)
      return;
    done.count_down();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'done.count_down()' is skipped when the spawned body returns early
  });
  t.join();
}
