// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// Guards declared through a macro: the message names the mutexes as the
// macro's arguments spell them, and the rewrite is refused (it cannot
// replace a macro's expansion).
#include <mutex>

std::mutex a, b;
int n;
#define LOCKED(m) std::lock_guard<std::mutex> guard_##m(m)

void forward() {
  LOCKED(a);
  LOCKED(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' is locked while 'a' is held
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: a guard or its mutex is written by a macro
  ++n;
}

void backward() {
  std::lock_guard<std::mutex> first(b);
  std::lock_guard<std::mutex> second(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' is locked while 'b' is held
  ++n;
}
