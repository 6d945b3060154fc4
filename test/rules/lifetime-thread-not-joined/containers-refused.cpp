// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Containers of threads reported without a rewrite, and why.
#include <atomic>
#include <thread>
#include <utility>
#include <vector>

void work(int i);
bool cancelled();

// A use a container of std::jthread may not fit.
void handed_on(std::vector<std::thread> &out, bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  ts.emplace_back(work, 1);
  if (cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here before the threads of 'ts' are joined
  out = std::move(ts);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: note: 'ts' is used here
  // CHECK-MESSAGES: :[[@LINE-8]]:28: note: not rewritten: 'ts' is used other than through size queries, emplace_back and loops that join its threads
}

// A thread moved in: push_back of a std::thread.
void moved_in(bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  std::thread t(work, 2);
  ts.push_back(std::move(t));
  if (cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  for (auto &th : ts)
    th.join();
  // CHECK-MESSAGES: :[[@LINE-9]]:28: note: not rewritten: 'ts' is used other than
}

// The work uses a local declared after the container: it would be
// destroyed before a std::jthread joins.
int later_local(bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  std::atomic<int> done{0};
  for (int i = 0; i < 3; ++i)
    ts.emplace_back([&done] { ++done; });
  if (cancel)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  for (auto &t : ts)
    t.join();
  return done;
  // CHECK-MESSAGES: :[[@LINE-11]]:28: note: not rewritten: the work uses 'done' by reference, which is declared after 'ts' and so destroyed before a std::jthread would join
}

// A loop variable spelled std::thread &.
void spelled_type(bool cancel) {
  std::vector<std::thread> ts;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ts' still holds joinable threads when the function returns early
  ts.emplace_back(work, 3);
  if (cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: returns here
  for (std::thread &t : ts)
    t.join();
  // CHECK-MESSAGES: :[[@LINE-8]]:28: note: not rewritten: 'ts' is used other than
}
