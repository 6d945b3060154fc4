// RUN: %check_fix %s lifetime-worker-loop-no-stop %t -- -std=c++20
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

std::atomic<int> beats{0};

void heartbeat() {
  std::jthread hb([] {
    while (true) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the spawned work loops forever, with no break, return or stop check: the std::jthread's destructor waits for it forever [lifetime-worker-loop-no-stop]
      ++beats;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
}

// `for (;;)`, an explicit empty parameter list, and a name already taken.
void poller(int st) {
  std::jthread p([st]() {
    for (;;) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the spawned work loops forever
      beats += st;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
}
