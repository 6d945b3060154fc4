// RUN: %check_fix --pitfix-arg=--config-file=%S/../sharing-manual-lock-unlock/Inputs/strict.yaml %s sharing-unnamed-lock-guard,sharing-manual-lock-unlock %t -- -std=c++17
// Several new guards in one function: each gets a name of its own, also
// when different rules name them.
#include <mutex>

std::mutex a, b, c;
int x, y, z;

void both() {
  std::lock_guard<std::mutex>{a};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} [sharing-unnamed-lock-guard]
  ++x;
  std::lock_guard<std::mutex>{b};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} [sharing-unnamed-lock-guard]
  ++y;
  {
    c.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: {{.*}} [sharing-manual-lock-unlock]
    ++z;
    c.unlock();
  }
}
