// RUN: %check_fix %s sharing-volatile-sync %t -- -std=c++17
#include <thread>
#include <vector>

void poll();

volatile bool stop = false;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'stop' is volatile and shared between threads: it is read by spawned work and written by another thread
void worker() {
  while (!stop)
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: spawned work reads it here
    poll();
}
void run() {
  std::thread t(worker);
  stop = true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: another thread writes it here
  t.join();
}

static volatile int progress = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'progress' is volatile and shared between threads: it is written by spawned work
void count_up() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([] {
      progress = progress + 1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: spawned work writes it here
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the work is spawned in a loop
    });
  for (std::thread &t : threads)
    t.join();
}

class Poller {
public:
  void start() { thread_ = std::thread([this] { loop(); }); }
  void stop() {
    running_ = false;
    thread_.join();
  }

private:
  void loop() {
    while (running_)
      poll();
  }
  std::thread thread_;
  bool volatile running_ = true;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'running_' is volatile and shared between threads
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: spawned work reads it here
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: another thread writes it here
};
