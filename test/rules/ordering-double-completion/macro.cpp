// RUN: %check_fix %s ordering-double-completion %t -- -std=c++17
// A completion spelled through a macro is reported where the macro is used.
#include <thread>

void work();
#define FINISH(t) (t).join()

void via_macro() {
  std::thread t(work);
  t.join();
  FINISH(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'FINISH(t)' runs when 't' was already joined
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 't' is joined here first
}
