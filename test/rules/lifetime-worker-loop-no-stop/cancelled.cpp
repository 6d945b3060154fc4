// RUN: %check_fix %s lifetime-worker-loop-no-stop %t -- -std=c++17
// A thread that its spawner cancels (pthread_cancel on its native handle)
// ends at the loop's blocking call, a cancellation point: nothing to
// report. A loop with no call to be cancelled in, or a cancel of another
// thread, still loops forever.
#include <atomic>
#include <chrono>
#include <functional>
#include <pthread.h>
#include <thread>

void poll(std::atomic<bool> &started) {
  started = true;
  while (true)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void spin(std::atomic<bool> &started) {
  started = true;
  for (;;)
    started.store(true);
}

void cancel_poller() {
  std::atomic<bool> started{false};
  std::thread t(poll, std::ref(started));
  while (!started)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  pthread_cancel(t.native_handle());
  t.join();
}

void cancel_other(std::thread &other) {
  std::atomic<bool> started{false};
  std::thread t(poll, std::ref(started));
  // CHECK-MESSAGES: :[[@LINE-22]]:3: warning: the spawned work loops forever, with no break, return or stop check: whoever joins or waits for it waits forever [lifetime-worker-loop-no-stop]
  // CHECK-MESSAGES: :[[@LINE-23]]:3: note: not rewritten: only a std::jthread hands its work a std::stop_token
  pthread_cancel(other.native_handle());
  t.join();
}

void cancel_spinner() {
  std::atomic<bool> started{false};
  std::thread t(spin, std::ref(started));
  // CHECK-MESSAGES: :[[@LINE-25]]:3: warning: the spawned work loops forever, with no break, return or stop check: whoever joins or waits for it waits forever [lifetime-worker-loop-no-stop]
  // CHECK-MESSAGES: :[[@LINE-26]]:3: note: not rewritten: only a std::jthread hands its work a std::stop_token
  pthread_cancel(t.native_handle());
  t.join();
}
