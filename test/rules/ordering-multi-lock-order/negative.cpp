// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// Correct ways to hold several mutexes, and single locks: nothing to report.
#include <mutex>

std::mutex a, b;
int x, y;

void scoped() {
  std::scoped_lock lock(a, b);
  ++x;
}

void lock_then_adopt() {
  std::lock(a, b);
  std::lock_guard<std::mutex> la(a, std::adopt_lock);
  std::lock_guard<std::mutex> lb(b, std::adopt_lock);
  ++x;
}

void defer_then_lock() {
  std::unique_lock<std::mutex> la(a, std::defer_lock);
  std::unique_lock<std::mutex> lb(b, std::defer_lock);
  std::lock(la, lb);
  ++x;
}

void separate_scopes() {
  {
    std::lock_guard<std::mutex> la(a);
    ++x;
  }
  {
    std::lock_guard<std::mutex> lb(b);
    ++y;
  }
}

void one_lock() {
  std::lock_guard<std::mutex> la(a);
  ++x;
}
