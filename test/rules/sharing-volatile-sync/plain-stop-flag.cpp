// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// A plain bool stop flag: the workers read it in their loop condition and a
// public method writes it, neither holding a lock. It becomes a
// std::atomic<bool>. Flags that a mutex guards, or that only the spawner
// writes before it starts the workers, stay.
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

void do_work();

class Workers {
public:
  explicit Workers(int n) {
    for (int i = 0; i < n; ++i)
      threads_.emplace_back([this] {
        while (running_)
          do_work();
      });
  }
  void stop() { running_ = false; }
  ~Workers() {
    stop();
    for (auto &t : threads_)
      t.join();
  }

private:
  bool running_ = true;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'running_' is a plain bool shared between threads: it is read by spawned work and written by another thread, and with no lock held on either side: a data race (the worker's loop may never see the store) [sharing-volatile-sync]
  // CHECK-MESSAGES: :[[@LINE-14]]:16: note: spawned work reads it in its loop condition here
  // CHECK-MESSAGES: :[[@LINE-11]]:17: note: another thread writes it here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: fixed
  std::vector<std::thread> threads_;
};

bool quit = false;
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'quit' is a plain bool shared between threads
// CHECK-MESSAGES: :[[@LINE+4]]:11: note: spawned work reads it in its loop condition here
// CHECK-MESSAGES: :[[@LINE+10]]:3: note: another thread writes it here
// CHECK-MESSAGES: :[[@LINE-4]]:6: note: fixed
void poller() {
  while (!quit)
    do_work();
}

void run() {
  std::thread t(poller);
  do_work();
  quit = true;
  t.join();
}

// Negative: every access holds the pool's mutex.
class Guarded {
public:
  Guarded() : worker_([this] { loop(); }) {}
  void stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }
  ~Guarded() {
    stop();
    worker_.join();
  }

private:
  void loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopped_)
      cv_.wait(lock);
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
  std::thread worker_;
};

// Negative: written only before the thread starts, read in the worker.
bool verbose = false;
void report() {
  while (verbose)
    do_work();
}
void configure_and_run(bool v) {
  verbose = v;
  std::thread t(report);
  t.join();
}
