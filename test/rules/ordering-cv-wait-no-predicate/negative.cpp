// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++20
// Idiomatic waits: each re-checks its condition after every wake-up.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>

std::mutex m;
std::condition_variable cv;
std::condition_variable_any cva;
std::deque<int> q;
bool ready, stop;

void while_loop() {
  std::unique_lock<std::mutex> lk(m);
  while (!ready)
    cv.wait(lk);
}

void do_loop() {
  std::unique_lock<std::mutex> lk(m);
  do {
    cv.wait(lk);
  } while (q.empty());
}

void for_loop() {
  std::unique_lock<std::mutex> lk(m);
  for (; q.empty();)
    cv.wait(lk);
}

void predicates(std::stop_token st) {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  cv.wait_for(lk, std::chrono::seconds(1), [] { return ready; });
  cv.wait_until(lk, std::chrono::steady_clock::now(), [] { return ready; });
  cva.wait(lk, st, [] { return ready; });
  if (cv.wait_for(lk, std::chrono::seconds(1), [] { return ready; }))
    ready = false;
}

bool is_ready() { return ready; }
void function_predicate() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, is_ready);
}

// A worker loop that checks right after the wake-up.
void worker() {
  std::unique_lock<std::mutex> lk(m);
  for (;;) {
    cv.wait(lk);
    if (stop)
      return;
    if (q.empty())
      continue;
    q.pop_front();
  }
}

// A loop whose next statement after the wait is its own condition.
void drain() {
  std::unique_lock<std::mutex> lk(m);
  while (!stop) {
    if (q.empty()) {
      cv.wait(lk);
      continue;
    }
    q.pop_front();
  }
}

// Periodic and interruptible sleeps: a timed wait whose result is ignored.
void flusher() {
  std::unique_lock<std::mutex> lk(m);
  while (!stop) {
    cv.wait_for(lk, std::chrono::milliseconds(100));
    q.clear();
  }
}
void nap() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait_for(lk, std::chrono::seconds(1));
}

// The wait's result decides what the loop does next.
void timed_loop() {
  std::unique_lock<std::mutex> lk(m);
  while (!ready)
    if (cv.wait_for(lk, std::chrono::seconds(1)) == std::cv_status::timeout)
      break;
}

// Unlocking after the wake-up, then checking.
void unlock_then_check() {
  std::unique_lock<std::mutex> lk(m);
  while (true) {
    cv.wait(lk);
    lk.unlock();
    if (stop)
      break;
    lk.lock();
  }
}

// A loop in a lambda (a consumer thread).
auto consumer = [] {
  std::unique_lock<std::mutex> lk(m);
  while (q.empty() && !stop)
    cv.wait(lk);
};

// A condition-variable wrapper: Wait() is the primitive, and its callers
// loop (`while (!done) cond.Wait();`).
class CondVar {
public:
  explicit CondVar(std::mutex *mu) : mu_(mu) {}
  void Wait() {
    std::unique_lock<std::mutex> lock(*mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  void Signal() { cv_.notify_one(); }

private:
  std::condition_variable cv_;
  std::mutex *const mu_;
};
