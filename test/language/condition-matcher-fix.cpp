// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs/rules %s acme-detach-to-join-as-matcher %t -- -std=c++17
// A fix: rule whose condition is a matcher under unless(): a detach outside
// spawned work becomes a join; one inside spawned work is left alone.
#include <thread>
#include <vector>
void work();

void start() {
  std::thread t(work);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't.detach()' detaches the thread; join it instead [acme-detach-to-join-as-matcher]
}

void start_all(std::vector<std::thread> &pool) {
  for (std::thread &t : pool)
    t.detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't.detach()' detaches the thread; join it instead [acme-detach-to-join-as-matcher]
}

void nested() {
  std::thread outer([] {
    std::thread inner(work);
    inner.detach();
  });
  outer.join();
}

void joined() {
  std::thread t(work);
  t.join();
}
