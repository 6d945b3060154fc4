// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Macros: the declaration inside one is reported only; an early return
// written by a macro is found, and the declaration outside it is rewritten.
#include <thread>

void work();

#define START(name) std::thread name(work)
#define RETURN_IF(c) \
  if (c)             \
  return

void declared_in_macro(bool early) {
  START(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't' is still joinable when the function returns early
  if (early)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: not rewritten: the type is written inside a macro expansion
  t.join();
}

void return_in_macro(bool early) {
  std::thread t(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is still joinable when the function returns early
  RETURN_IF(early);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: returns here
  t.join();
}
