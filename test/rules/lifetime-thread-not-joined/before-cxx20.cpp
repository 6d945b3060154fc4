// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++17
// Before C++20 there is no std::jthread: reported only.
#include <thread>

void work();

int early_return(bool empty) {
  std::thread worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'worker' is still joinable when the function returns early
  if (empty)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here with 'worker' still joinable
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: not rewritten: std::jthread, whose destructor joins, needs C++20; join 'worker' on every path
  worker.join();
  return 1;
}
