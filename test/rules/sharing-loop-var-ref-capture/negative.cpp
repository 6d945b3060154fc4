// RUN: %check_fix %s sharing-loop-var-ref-capture %t -- -std=c++20
// Correct code: the work finishes within the iteration, holds copies, or is
// not spawned at all.
#include <algorithm>
#include <functional>
#include <future>
#include <latch>
#include <thread>
#include <vector>

int results[16];
void use(int) {}

void joined_in_iteration() {
  for (int i = 0; i < 4; ++i) {
    std::thread t([&] { results[i] = i; });
    t.join();
  }
}

void joined_at_once() {
  for (int i = 0; i < 4; ++i)
    std::thread([&] { use(i); }).join();
}

void jthread_joins_at_scope_end() {
  for (int i = 0; i < 4; ++i) {
    std::jthread t([&] { use(i); });
  }
}

void future_waited() {
  for (int i = 0; i < 4; ++i) {
    std::future<int> f = std::async(std::launch::async, [&] { return i; });
    use(f.get());
  }
  for (int i = 0; i < 4; ++i) {
    auto f = std::async(std::launch::async, [&] { use(i); });
    f.wait();
  }
  for (int i = 0; i < 4; ++i)
    std::async(std::launch::async, [&] { use(i); }); // the future waits
}

void element_references(std::vector<int> &values) {
  std::vector<std::thread> threads;
  for (auto &v : values)
    threads.emplace_back([&] { ++v; });
  for (const auto &v : values)
    threads.emplace_back([&v] { use(v); });
  for (std::thread &t : threads)
    t.join();
}

void copies() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([i] { use(i); });
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([=] { use(i); });
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(use, i);
  for (std::thread &t : threads)
    t.join();
}

void not_spawned(std::vector<int> &values) {
  std::vector<std::function<void()>> later;
  for (int k = 1; k < 3; ++k) {
    std::sort(values.begin(), values.end(),
              [&](int a, int b) { return a % k < b % k; });
    std::for_each(values.begin(), values.end(), [&](int &v) { v += k; });
    auto cb = [&] { use(k); };
    cb();
  }
}

int shared_total = 0;
void globals_and_outer_locals() {
  int outer = 3;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] { use(shared_total + outer + i); });
  for (std::thread &t : threads)
    t.join();
}

void waited_through_a_latch() {
  for (int i = 0; i < 4; ++i) {
    std::latch done(1);
    std::thread([&] {
      use(i);
      done.count_down();
    }).detach();
    done.wait();
  }
}

void named_lambda_also_called_here(std::vector<std::thread> &threads) {
  for (int i = 0; i < 4; ++i) {
    auto work = [&] { use(i); };
    work();
    threads.emplace_back(work); // the lambda is also called here: left alone
  }
}

void join_all(std::vector<std::thread> &threads) {
  for (std::thread &t : threads)
    t.join();
}

void joined_by_a_helper() {
  for (int round = 0; round < 3; ++round) {
    std::vector<std::thread> threads;
    for (int part = 0; part < 2; ++part)
      threads.emplace_back([&, part] { use(round + part); });
    join_all(threads);
  }
}
