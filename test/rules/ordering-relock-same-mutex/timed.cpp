// RUN: %check_fix %s ordering-relock-same-mutex %t -- -std=c++17
// A lock with a timeout (a guard built with a duration or a time point)
// gives up when the mutex is held: it cannot wait for itself forever. A
// guard without one still can.
#include <chrono>
#include <mutex>
#include <shared_mutex>

std::timed_mutex tm;
std::shared_timed_mutex stm;
int value;

bool update_with_timeout() {
  std::lock_guard<std::timed_mutex> held(tm);
  std::unique_lock<std::timed_mutex> again(tm, std::chrono::milliseconds(10));
  if (!again.owns_lock())
    return false;
  ++value;
  return true;
}

bool read_until() {
  std::unique_lock<std::shared_timed_mutex> held(stm);
  std::shared_lock<std::shared_timed_mutex> again(
      stm, std::chrono::steady_clock::now() + std::chrono::milliseconds(5));
  return again.owns_lock();
}

void update_twice() {
  std::lock_guard<std::timed_mutex> held(tm);
  std::unique_lock<std::timed_mutex> again(tm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tm' is locked again while it is held: a thread that locks a non-recursive mutex twice waits for itself forever [ordering-relock-same-mutex]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'tm' is locked first here
  ++value;
}
