// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++17
// Before C++20 there is no std::jthread: reported only.
#include <thread>
#include <vector>

void work(int i);

void early(bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  ts.emplace_back(work, 1);
  if (cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here before the threads of 'ts' are joined
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: not rewritten: std::jthread, whose destructor joins, needs C++20; join the threads of 'ts' on every path
  for (auto &t : ts)
    t.join();
}
