// RUN: %check_fix %s sharing-io-under-lock %t -- -std=c++17
// A critical section that does nothing but block (and wake or start other
// threads) holds the lock for the sake of the call: other threads are meant
// to find it held. Reported, not rewritten. A section that also does work
// under the lock still gets the call moved out.
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex mu;
std::condition_variable cv;
std::timed_mutex tm;
int hits;

void hold_then_notify() {
  std::unique_lock<std::mutex> lock(mu);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does nothing but block in this call: holding the lock meanwhile is its point (other threads are meant to find it held), and moving the call out would change what they see
  cv.notify_one();
}

void try_lock_times_out() {
  tm.lock();
  std::thread t([] {
    bool ok = tm.try_lock_for(std::chrono::milliseconds(100));
    assert(!ok);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'tm' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: not rewritten: the critical section does nothing but block in this call: holding the lock meanwhile is its point (other threads are meant to find it held), and moving the call out would change what they see
  tm.unlock();
  t.join();
}

// The section also counts: the sleep moves out.
void count_then_sleep() {
  std::unique_lock<std::mutex> lock(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks while 'mu' is held; every thread that needs the lock waits for it [sharing-io-under-lock]
  ++hits;
  cv.notify_one();
}
