// RUN: %check_fix %s sharing-mixed-atomic-access %t -- -std=c++17
// A std::atomic handed to the free atomic functions and read elsewhere
// through its implicit conversion: the conversion is an atomic load. No
// finding.
#include <atomic>
#include <cstdio>
#include <thread>

std::atomic<long> served{0};
void serve() {
  for (int i = 0; i < 100; ++i)
    std::atomic_fetch_add_explicit(&served, 1L, std::memory_order_relaxed);
}
void report() {
  std::thread a(serve), b(serve);
  long now = served; // an atomic load, through operator long()
  std::printf("%ld\n", now);
  if (served > 10)
    std::puts("busy");
  a.join();
  b.join();
}

class Gauge {
public:
  void bump() { std::atomic_fetch_add(&level_, 1); }
  int level() const { return level_; }
  void run() {
    std::thread t([this] { bump(); });
    int seen = level();
    (void)seen;
    t.join();
  }

private:
  std::atomic<int> level_{0};
};
