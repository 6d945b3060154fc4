// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-loop-arg,acme-read-before-join %t -- -std=c++17
// loop-variable and after-spawn, positive and negative (report only).
#include <thread>
#include <vector>
void use(int);
void consume();
void work();

void loops(const std::vector<int> &v, int outside) {
  for (int i = 0; i < 3; ++i)
    use(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'i' is a loop variable [acme-loop-arg]
  for (int x : v)
    use(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'x' is a loop variable [acme-loop-arg]
  while (outside > 0) {
    int step = outside--;
    use(step);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'step' is a loop variable [acme-loop-arg]
  }
  use(outside);
}

void before_join() {
  std::thread t(work);
  consume();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'consume()' runs before the work is joined [acme-read-before-join]
  t.join();
  consume();
}

void no_spawn() { consume(); }
