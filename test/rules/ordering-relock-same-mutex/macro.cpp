// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// Locks spelled through macros are reported where the macro is used.
#include <mutex>

std::mutex m;
int n;
#define LOCKED(mu) std::lock_guard<std::mutex> guard_##mu(mu)

void via_macro() {
  LOCKED(m);
  {
    LOCKED(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is locked again while it is held
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'm' is locked first here
    ++n;
  }
}
