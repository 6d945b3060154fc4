// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++20
// Containers of threads joined on every path, handed on, or joined by an
// RAII joiner: nothing to report.
#include <cstdio>
#include <thread>
#include <utility>
#include <vector>

void work(int i);
int twice(int v) { return 2 * v; }

void joined(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  std::printf("%d\n", twice(n)); // visibly does not throw
  for (auto &t : threads)
    t.join();
}

void joined_before_return(bool cancel) {
  std::vector<std::thread> ts;
  ts.emplace_back(work, 1);
  if (cancel) {
    for (auto &t : ts)
      t.join();
    return;
  }
  for (auto &t : ts)
    t.join();
}

void index_join() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back(work, i);
  for (size_t i = 0; i < ts.size(); ++i)
    ts[i].join();
}

void detached_all() {
  std::vector<std::thread> ts;
  ts.emplace_back(work, 1);
  for (auto &t : ts)
    t.detach();
}

std::vector<std::thread> returned() {
  std::vector<std::thread> ts;
  ts.emplace_back(work, 1);
  return ts;
}

// An RAII joiner owns the threads.
struct Joiner {
  std::vector<std::thread> &ts;
  ~Joiner() {
    for (auto &t : ts)
      if (t.joinable())
        t.join();
  }
};
void raii(bool cancel) {
  std::vector<std::thread> ts;
  Joiner j{ts};
  ts.emplace_back(work, 1);
  if (cancel)
    return;
}

// Threads of a std::jthread container join themselves.
void jthreads(bool cancel) {
  std::vector<std::jthread> ts;
  ts.emplace_back(work, 1);
  if (cancel)
    return;
}

// Never started: no thread in it is joinable.
void empty_container(bool cancel) {
  std::vector<std::thread> ts;
  ts.reserve(4);
  if (cancel)
    return;
  std::printf("%zu\n", ts.size());
}
