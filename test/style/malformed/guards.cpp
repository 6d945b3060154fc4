// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++17
// The .clang-format beside this file cannot be read: one warning names it,
// and the rewrite is made as written, unformatted.
// CHECK-MESSAGES: .clang-format:3:1: warning: the clang-format style cannot be used: unknown key 'IndentWdth'; rewrites are left as written [pitfix]
#include <future>
#include <thread>

void set_on_every_path(std::promise<void>& p, bool skip) {
  std::thread t([&p, skip] {
    if (skip) return;
    p.set_value();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value()' is skipped when the spawned body returns early
  });
  t.join();
}
