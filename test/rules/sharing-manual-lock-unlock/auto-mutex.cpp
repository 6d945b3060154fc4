// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
// Mutexes declared with auto: the guard names the mutex type once.
#include <mutex>

int n;

void count() {
  auto m = std::mutex();
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} [sharing-manual-lock-unlock]
  ++n;
  m.unlock();
}

namespace app {
using Mutex = std::mutex;
struct Counter {
  Mutex mu;
  int v = 0;
  void add() {
    auto &m = mu;
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: {{.*}} [sharing-manual-lock-unlock]
    ++v;
    m.unlock();
  }
};
} // namespace app
