// RUN: %check_fix %s sharing-unnamed-lock-guard %t -- -std=c++17
// Idiomatic, correct locking: nothing to report.
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

std::mutex mu;
std::shared_mutex rw;
std::condition_variable cv;
int value;
bool ready;

void named_guards() {
  std::lock_guard<std::mutex> lock(mu);
  ++value;
}

void scoped() {
  std::scoped_lock lock(mu);
  ++value;
}

int reader() {
  std::shared_lock lock(rw);
  return value;
}

void waiter() {
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk, [] { return ready; });
}

// The temporary deliberately guards one full expression.
int locked_read() { return (std::lock_guard<std::mutex>(mu), value); }

std::unique_lock<std::mutex> acquire() { return std::unique_lock<std::mutex>(mu); }

void deferred() {
  std::unique_lock<std::mutex>{mu, std::defer_lock};
}

void transfer_ownership() {
  auto lk = std::unique_lock<std::mutex>(mu);
  ++value;
}
