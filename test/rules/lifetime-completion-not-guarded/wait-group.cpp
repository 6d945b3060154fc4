// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++17
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class WaitGroup {
public:
  void Add(int n) { std::lock_guard<std::mutex> l(mu_); count_ += n; }
  void Done() { std::lock_guard<std::mutex> l(mu_); --count_; }
private:
  std::mutex mu_;
  int count_ = 0;
};

void process(const std::string &s);
int checked(int n) {
  if (n < 0)
    throw n;
  return n;
}

void early_return(std::vector<std::string> inputs) {
  WaitGroup wg;
  std::vector<std::thread> threads;
  for (const std::string &in : inputs) {
    wg.Add(1);
    threads.emplace_back([&wg, in] {
      if (in.empty())
        return;
      (void)in.size();
      wg.Done();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wg.Done()' is skipped when the spawned body returns early: a waiter may block forever [lifetime-completion-not-guarded]
      // CHECK-MESSAGES: :[[@LINE-4]]:9: note: this return skips 'wg.Done()'
    });
  }
  for (std::thread &t : threads)
    t.join();
}

void may_throw(WaitGroup &wg, int n) {
  std::thread t([&] {
    int v = checked(n);
    (void)v;
    wg.Done();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Done()' is skipped when the spawned body throws
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'checked' may throw; an exception here skips 'wg.Done()'
  });
  t.join();
}

// No finding: 'process' has no body in this translation unit, so nothing
// shows that it throws (not being noexcept is not evidence).
void declared_only(WaitGroup &wg, std::string s) {
  std::thread t([&] {
    process(s);
    wg.Done();
  });
  t.join();
}

// The same call before an earlier return is replaced by the guard too.
void signalled_before_one_return(WaitGroup &wg, int n) {
  std::thread t([&wg, n] {
    if (n == 0) {
      wg.Done();
      return;
    }
    if (n < 0)
      return;
    wg.Done();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wg.Done()' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: this return skips 'wg.Done()'
  });
  t.join();
}

// A named function run on a thread; the name 'completion' is taken.
void worker(WaitGroup *wg, int n) {
  int completion = n;
  if (completion > 10)
    return;
  wg->Done();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wg->Done()' is skipped when the spawned body returns early
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: this return skips 'wg->Done()'
}

void start(WaitGroup &wg) {
  std::thread t(worker, &wg, 3);
  t.join();
}

// Everything on one line.
void one_line(WaitGroup &wg, bool skip) {
  std::thread t([&] { if (skip) return; wg.Done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'wg.Done()' is skipped when the spawned body returns early
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: this return skips 'wg.Done()'
  t.join();
}
