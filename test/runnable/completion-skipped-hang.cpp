// A worker returns early on an empty input and skips wg.Done(): Wait()
// never returns and the program hangs (killed by timeout here). After
// `pitfix --fix` a scope guard signals on every path: the program ends, clean
// under ThreadSanitizer, with the right count.
//
// RUN: %clangxx -std=c++17 -g -O1 %s -o %t.before
// RUN: not timeout 5 %t.before > %t.before.out 2>&1
// RUN: FileCheck %s --check-prefix=BEFORE --allow-empty --input-file %t.before.out
// BEFORE-NOT: processed
//
// RUN: cp %s %t.cpp
// RUN: %pitfix --fix --checks=-*,lifetime-completion-not-guarded %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 -fsanitize=thread -g -O1 %t.cpp -o %t.after
// RUN: timeout 60 %t.after 2>&1 | FileCheck %s --check-prefix=AFTER --implicit-check-not=ThreadSanitizer
// AFTER: processed 2 of 3
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

/// Go's sync.WaitGroup.
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
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return count_ == 0; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_ = 0;
};

int main() {
  std::vector<std::string> inputs = {"alpha", "", "gamma"};
  WaitGroup wg;
  std::mutex mu;
  int processed = 0;
  std::vector<std::thread> threads;
  for (const std::string &in : inputs) {
    wg.Add(1);
    threads.emplace_back([&wg, &mu, &processed, in] {
      if (in.empty())
        return;
      std::lock_guard<std::mutex> lock(mu);
      ++processed;
      wg.Done();
    });
  }
  wg.Wait();
  {
    std::lock_guard<std::mutex> lock(mu);
    std::printf("processed %d of %zu\n", processed, inputs.size());
  }
  for (std::thread &t : threads)
    t.join();
}
