// Workers that count themselves in only once they run: the waiter sees a
// zero count and goes on before any work is done, printing a wrong count.
// The workers start counting in only a while after the waiter has begun to
// wait, so the early return is reliable.
// After `pitfix --fix` the increments run before each spawn: the waits see
// every worker, the counts are right, and ThreadSanitizer stays quiet.
//
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %s -o %t.before
// RUN: timeout 60 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --input-file %t.before.out
// BEFORE: group: completed 0 of 4
// BEFORE: pending: completed 0 of 4
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,ordering-counter-add-in-spawn %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: group: completed 4 of 4
// AFTER: pending: completed 4 of 4
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

/// A Go-style WaitGroup.
class WaitGroup {
public:
  void Add(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    count_ += n;
  }
  void Done() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--count_ == 0)
      cv_.notify_all();
  }
  void Wait() {
    waiting.store(true);
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return count_ == 0; });
  }

  /// Set once a thread has started to wait.
  std::atomic<bool> waiting{false};

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_ = 0;
};

constexpr int kWorkers = 4;

/// Holds a worker back until the main thread waits, and a little longer.
void slow_start(const std::atomic<bool> &waiting) {
  while (!waiting.load())
    std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void with_a_wait_group() {
  WaitGroup wg;
  std::atomic<int> completed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWorkers; ++i)
    threads.emplace_back([&] {
      slow_start(wg.waiting);
      wg.Add(1);
      completed.fetch_add(1);
      wg.Done();
    });
  wg.Wait();
  std::printf("group: completed %d of %d\n", completed.load(), kWorkers);
  for (std::thread &t : threads)
    t.join();
}

void with_a_pending_counter() {
  std::atomic<int> pending{0};
  std::atomic<int> completed{0};
  std::atomic<bool> waiting{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWorkers; ++i) {
    threads.emplace_back([&pending, &completed, &waiting] {
      slow_start(waiting);
      ++pending;
      completed.fetch_add(1);
      --pending;
    });
  }
  waiting.store(true);
  while (pending.load() > 0)
    std::this_thread::yield();
  std::printf("pending: completed %d of %d\n", completed.load(), kWorkers);
  for (std::thread &t : threads)
    t.join();
}

int main() {
  with_a_wait_group();
  with_a_pending_counter();
}
