// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// Waits that check their condition once, under `if`: each becomes the
// predicate overload, which re-checks after every wake-up.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

std::mutex m;
std::condition_variable cv;
std::deque<int> q;

void produce(int v) {
  {
    std::lock_guard<std::mutex> g(m);
    q.push_back(v);
  }
  cv.notify_all();
}

int consume() {
  std::unique_lock<std::mutex> lk(m);
  if (q.empty())
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cv.wait(lk)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'q.empty()' still holds [ordering-cv-wait-no-predicate]
  int v = q.front();
  q.pop_front();
  return v;
}

int consume_braced() {
  std::unique_lock<std::mutex> lk(m);
  if (q.size() == 0) {
    cv.wait(lk);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'cv.wait(lk)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'q.size() == 0' still holds
  int v = q.front();
  q.pop_front();
  return v;
}

int consume_timed() {
  std::unique_lock<std::mutex> lk(m);
  if (q.empty()) cv.wait_for(lk, std::chrono::milliseconds(50));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'cv.wait_for(lk, std::chrono::milliseconds(50))' waits without a predicate and runs once under 'if'
  if (q.empty())
    return -1;
  int v = q.front();
  q.pop_front();
  return v;
}

// A flag, and a member condition variable.
class Gate {
public:
  void open() {
    std::lock_guard<std::mutex> g(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void pass() {
    std::unique_lock<std::mutex> lk(mu_);
    if (!open_)
      cv_.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'cv_.wait(lk)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while '!open_' still holds
    ++passed_;
  }
  void pass_any() {
    std::unique_lock<std::mutex> lk(mu_);
    if (!(open_ || passed_ > 10))
      any_.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'any_.wait(lk)' waits without a predicate and runs once under 'if'
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable_any any_;
  bool open_ = false;
  int passed_ = 0;
  void poke() { any_.notify_one(); }
};

// A local condition variable shared with a lambda that notifies it.
int local_flag() {
  std::mutex lm;
  std::condition_variable lcv;
  int ready = 0;
  auto notify = [&] {
    std::lock_guard<std::mutex> g(lm);
    ready = 1;
    lcv.notify_one();
  };
  notify();
  std::unique_lock<std::mutex> lk(lm);
  if (ready != 1)
    lcv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lcv.wait(lk)' waits without a predicate and runs once under 'if'
  return ready;
}
