// RUN: %check_fix %s sharing-mixed-atomic-access %t -- -std=c++20
#include <atomic>
#include <thread>
#include <vector>

long hits = 0;
void work() { __atomic_fetch_add(&hits, 1, __ATOMIC_RELAXED); }
void run() {
  std::thread t(work);
  long seen = hits;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'hits' is accessed plainly here while threads may run, but atomically elsewhere: the plain access races
  // CHECK-MESSAGES: :[[@LINE-5]]:35: note: 'hits' is accessed atomically here
  (void)seen;
  t.join();
}

int flags = 0;
void set_flag() {
  __sync_fetch_and_or(&flags, 1);
  flags = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flags' is accessed plainly here
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'flags' is accessed atomically here
}
void run_flags() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back(set_flag);
  for (std::thread &t : threads)
    t.join();
}

int total = 0;
void add_ref() {
  std::atomic_ref<int> r(total);
  r.fetch_add(1);
}
int peek() { return total; }
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'total' is accessed plainly here
// CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'total' is accessed atomically here
void run_ref() {
  std::thread a(add_ref), b(add_ref);
  a.join();
  b.join();
}

#define BUMP(x) __sync_fetch_and_add(&x, 1)
unsigned events = 0;
void count_event() { BUMP(events); }
void run_events() {
  std::thread t(count_event);
  events = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'events' is accessed plainly here
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'events' is accessed atomically here
  t.join();
}
