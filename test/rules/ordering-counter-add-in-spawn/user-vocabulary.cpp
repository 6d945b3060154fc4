// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs %s ordering-counter-add-in-spawn %t -- -std=c++17
// A home-made latch, made known through the vocabulary.
#include <functional>
#include <thread>

namespace app {
class CountUpLatch {
public:
  void count_up();
  void count_down();
  void await();
};
} // namespace app
void work();

void start(app::CountUpLatch &latch) {
  std::thread t([&latch] {
    latch.count_up();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'latch.count_up()' runs inside the spawned work: a wait on 'latch' can return before the work is counted
    work();
    latch.count_down();
  });
  latch.await();
  t.join();
}
