// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
#include <chrono>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex mu;
long ticks;

void tick() {
  std::lock_guard<std::mutex> lock(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  ++ticks;
}

void manual() {
  mu.lock();
  ++ticks;
  usleep(100); // back off a little
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks while 'mu' is held
  mu.unlock();
}

void scoped(int n) {
  for (int i = 0; i < n; ++i) {
    std::scoped_lock lock(mu);
    ticks += i;
    sleep(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks while 'mu' is held
  }
}

// A loop with an unbraced body moves as a whole.
void each(int n) {
  std::lock_guard<std::mutex> lock(mu);
  ++ticks;
  for (int i = 0; i < n; ++i)
    usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'usleep' blocks while 'mu' is held
}
