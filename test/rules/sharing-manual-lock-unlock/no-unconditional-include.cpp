// RUN: %check_fix --pitfix-arg=--config-file=%S/Inputs/strict.yaml %s sharing-manual-lock-unlock %t -- -std=c++17
// Every #include is conditional (a configuration header may have to come
// first): there is no place for <mutex>, so the rewrite is refused.
#if defined(__linux__) || !defined(__linux__)
#include <mutex>
#endif

std::mutex mu;
int n;

void bump() {
  mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} [sharing-manual-lock-unlock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: every #include of the file is inside a preprocessor conditional; there is no unconditional place for #include <mutex>
  ++n;
  mu.unlock();
}
