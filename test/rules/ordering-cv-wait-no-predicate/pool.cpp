// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// The textbook worker loop: `if (queue.empty()) cv.wait(lock);` checks once,
// and a spurious or stolen wake-up takes the front of an empty queue. Each
// becomes the predicate overload, which re-checks after every wake-up.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      workers_.emplace_back([this] { run(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread &t : workers_)
      t.join();
  }
  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push(std::move(task));
    }
    cv_.notify_one();
  }

private:
  void run() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (tasks_.empty() && !stop_)
        cv_.wait(lock);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'cv_.wait(lock)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'tasks_.empty() && !stop_' still holds [ordering-cv-wait-no-predicate]
      if (stop_ && tasks_.empty())
        return;
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop();
      lock.unlock();
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

// A detached consumer that serves forever: the wait is under `if` in its
// loop, and the front of the queue is taken right after it.
std::mutex m;
std::condition_variable cv;
std::queue<int> q;
void handle(int);

void produce(int v) {
  {
    std::lock_guard<std::mutex> lock(m);
    q.push(v);
  }
  cv.notify_one();
}

void consume_forever() {
  while (true) {
    std::unique_lock<std::mutex> lock(m);
    if (q.empty()) {
      cv.wait(lock);
    }
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'cv.wait(lock)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while 'q.empty()' still holds
    int v = q.front();
    q.pop();
    lock.unlock();
    handle(v);
  }
}

// The same worker whose re-check ends it: a spurious wake-up finds the queue
// still empty and the worker returns, one thread fewer in the pool.
std::mutex jm;
std::condition_variable jcv;
std::queue<int> jobs;
void post(int v) {
  std::lock_guard<std::mutex> lock(jm);
  jobs.push(v);
  jcv.notify_one();
}
void job_worker() {
  while (true) {
    std::unique_lock<std::mutex> lock(jm);
    if (jobs.empty())
      jcv.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'jcv.wait(lock)' waits without a predicate and a spurious wake-up reaches a check that ends the loop while 'jobs.empty()' still holds: the worker stops although nobody asked it to
    if (jobs.empty())
      return;
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: a spurious wake-up leaves the loop here: 'jobs.empty()' holds
    int v = jobs.front();
    jobs.pop();
    lock.unlock();
    handle(v);
  }
}
