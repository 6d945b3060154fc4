// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-detach-to-join %t -- -std=c++17
// replace: a detach outside spawned work becomes a join; one inside spawned
// work (the condition 'not: in-spawned-work') is left alone.
#include <thread>
void work();

void start() {
  std::thread t(work);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't.detach()' detaches the thread; join it instead [acme-detach-to-join]
}

void nested() {
  std::thread outer([] {
    std::thread inner(work);
    inner.detach();
  });
  outer.join();
}
