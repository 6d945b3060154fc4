// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// std::launch::deferred runs the work in the caller, when it waits for the
// future: nothing runs at the same time as the caller's own writes.
#include <future>
#include <vector>

long total = 0;

long deferred_sum(const std::vector<int> &data) {
  auto f = std::async(std::launch::deferred, [&] {
    for (int v : data)
      total += v;
  });
  total = 0;
  f.get();
  return total;
}

long deferred_each(const std::vector<int> &data) {
  std::vector<std::future<void>> parts;
  for (int v : data)
    parts.push_back(std::async(std::launch::deferred, [v] { total += v; }));
  for (auto &p : parts)
    p.get();
  return total;
}
