// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// A sleep spelled through a macro is reported, never edited.
#include <chrono>
#include <thread>

int result;
#define SETTLE() std::this_thread::sleep_for(std::chrono::milliseconds(50))

void via_macro() {
  std::thread t([] { result = 1; });
  t.detach();
  SETTLE();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SETTLE()' waits a fixed time for the work started on line 10
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the code is inside a macro expansion
}
