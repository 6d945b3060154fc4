// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// A launch policy that includes std::launch::async may start a thread: the
// work races with the caller.
#include <future>
#include <vector>

long sum = 0;

long async_or_deferred(const std::vector<int> &data) {
  auto f = std::async(std::launch::async | std::launch::deferred, [&] {
    for (int v : data)
      sum += v;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sum' is written by spawned work with no lock held, and 'async_or_deferred' writes it before waiting [sharing-unsynchronized-write]
    // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the other access
  });
  sum += 1;
  f.get();
  return sum;
}
