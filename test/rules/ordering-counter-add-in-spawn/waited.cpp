// RUN: %check_fix %s ordering-counter-add-in-spawn %t -- -std=c++17
// A counter that a condition-variable predicate waits on.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

class WorkQueue {
public:
  void enqueue(std::function<void()> f);
};
void work();

class Batch {
public:
  void start(WorkQueue &q) {
    q.enqueue([this] {
      pending_.fetch_add(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pending_.fetch_add(1)' runs inside the spawned work: a wait on 'pending_' can return before the work is counted
      work();
      pending_.fetch_sub(1);
      cv_.notify_all();
    });
  }
  void wait_idle() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return pending_.load() == 0; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<int> pending_{0};
};
