// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++20
// Completion signals that are made on every path: nothing to report.
#include <atomic>
#include <functional>
#include <future>
#include <latch>
#include <mutex>
#include <thread>

class WaitGroup {
public:
  void Add(int n) { count_ += n; }
  void Done() { --count_; }
private:
  std::atomic<int> count_{0};
};

int square(int v) noexcept { return v * v; }

// No early exit, and nothing that may throw before the signal.
void straight_line(WaitGroup &wg, std::atomic<int> &total) {
  std::thread t([&] {
    total += square(3);
    wg.Done();
  });
  t.join();
}

// A hand-written guard already signals on every path.
struct DoneOnExit {
  WaitGroup &wg;
  ~DoneOnExit() { wg.Done(); }
};
void raii_guard(WaitGroup &wg, int n) {
  std::thread t([&] {
    DoneOnExit guard{wg};
    if (n < 0)
      return;
    (void)n;
  });
  t.join();
}

// A cleanup lambda (as with absl::Cleanup or gsl::finally) makes the call.
template <class F> struct Finally {
  F f;
  ~Finally() { f(); }
};
template <class F> Finally<F> finally(F f) { return {f}; }
void cleanup_lambda(std::latch &done, int n) {
  std::jthread t([&] {
    auto cleanup = finally([&] { done.count_down(); });
    if (n < 0)
      return;
    (void)n;
  });
}

// Every return is preceded by the signal, and nothing may throw.
void every_path(WaitGroup &wg, int n) {
  std::thread t([&wg, n] {
    if (n < 0) {
      wg.Done();
      return;
    }
    wg.Done();
  });
  t.join();
}

// Not spawned: a plain function ending with a signal.
void not_spawned(WaitGroup &wg, int n) {
  if (n < 0)
    return;
  wg.Done();
}

// The signal is not the last statement.
void signal_not_last(std::promise<int> &p, int n) {
  std::thread t([&p, n] {
    if (n < 0)
      return;
    p.set_value(n);
    (void)square(n);
  });
  t.join();
}

// A return inside a nested lambda leaves only that lambda.
void nested_lambda_return(WaitGroup &wg, int n) {
  std::thread t([&] {
    auto pick = [](int v) { if (v < 0) return 0; return v; };
    (void)pick(n);
    wg.Done();
  });
  t.join();
}

// Known gap, kept as the rule's matcher had it: the spawn names the work
// through a declaration that comes before the definition, and the rule
// looks for the signal in the function as the spawn names it (no body).
void late_worker(WaitGroup &wg, int n);
void start_late(WaitGroup &wg, int n) {
  std::thread t(late_worker, std::ref(wg), n);
  t.join();
}
void late_worker(WaitGroup &wg, int n) {
  if (n < 0)
    return;
  wg.Done();
}
