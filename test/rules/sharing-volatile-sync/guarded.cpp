// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
// A volatile whose every access is under one mutex: the volatile is
// redundant, and the mutex is what makes the threads agree. No finding.
// One access outside the mutex is still a race.
#include <mutex>
#include <thread>
#include <vector>

class Stats {
public:
  Stats() { hits_ = 0; }
  void hit() {
    std::lock_guard<std::mutex> lock(mu_);
    ++hits_;
  }
  long hits() {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_;
  }
  void run(int n) {
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
      threads.emplace_back([this] { hit(); });
    for (std::thread &t : threads)
      t.join();
  }

private:
  std::mutex mu_;
  volatile long hits_;
};

std::mutex state_mu;
volatile bool done = false;
void finish() {
  std::lock_guard<std::mutex> lock(state_mu);
  done = true;
}
bool finished() {
  std::unique_lock<std::mutex> lock(state_mu);
  bool d = done;
  lock.unlock();
  return d;
}
void start() {
  std::thread t(finish);
  while (!finished())
    std::this_thread::yield();
  t.join();
}

// Written under the mutex, read without it.
std::mutex count_mu;
volatile int count = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'count' is volatile and shared between threads: it is written by spawned work and written by another thread
void bump() {
  std::lock_guard<std::mutex> lock(count_mu);
  count = count + 1;
}
int peek() { return count; }
void count_up() {
  std::thread t(bump);
  std::thread u(bump);
  int seen = peek();
  (void)seen;
  t.join();
  u.join();
}
