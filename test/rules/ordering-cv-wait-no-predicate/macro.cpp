// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// Waits spelled through macros: reported, never edited.
#include <condition_variable>
#include <deque>
#include <mutex>

std::mutex m;
std::condition_variable cv;
std::deque<int> q;
void produce(int v) {
  std::lock_guard<std::mutex> g(m);
  q.push_back(v);
  cv.notify_one();
}

#define WAIT_IF_EMPTY(lk) if (q.empty()) cv.wait(lk)
#define EMPTY q.empty()

void whole_macro() {
  std::unique_lock<std::mutex> lk(m);
  WAIT_IF_EMPTY(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wait(...)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while the condition still holds
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the condition is spelled in a macro
  q.pop_front();
}

// The condition is a macro: the rewrite keeps it as written.
void condition_macro() {
  std::unique_lock<std::mutex> lk(m);
  if (EMPTY)
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'EMPTY' still holds
  q.pop_front();
}
