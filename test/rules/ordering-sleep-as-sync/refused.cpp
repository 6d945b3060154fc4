// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// Sleeps in place of a wait that pitfix reports without a fix.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

int compute();
void work();
int parts[4];

void container_joined_late() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([i] { parts[i] = compute(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::milliseconds(100))' waits a fixed time for the work started on line 16
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: the work is waited for only here; wait in place of the sleep
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the threads are in a container; join them in place of the sleep
  int total = parts[0] + parts[1] + parts[2] + parts[3];
  (void)total;
  for (std::thread &t : threads)
    t.join();
}

void detached_temporary() {
  std::thread([] { parts[0] = compute(); }).detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 29
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the thread is a detached temporary; keep it in a variable and join it in place of the sleep
}

bool check();
void may_return() {
  std::thread t([] { parts[1] = compute(); });
  t.detach();
  if (!check())
    return;
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 38
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'return' leaves before the sleep
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: a std::thread must be joined on every path
}

void endless() {
  std::thread t([] {
    while (true)
      work();
  });
  t.detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 50
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the work never finishes; a join would wait forever
}

// A constant condition that is not a literal runs forever too.
constexpr bool forever = true;
void endless_constant() {
  std::thread t([] {
    for (; forever;)
      work();
  });
  t.detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 65
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the work never finishes; a join would wait forever
}

std::mutex m;
std::condition_variable cv;
bool go;
void waits_for_later() {
  std::thread t([] {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [] { return go; });
  });
  t.detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 81
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: the work waits here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: not rewritten: the work waits for something
  {
    std::lock_guard<std::mutex> g(m);
    go = true;
  }
  cv.notify_all();
}

void used_again() {
  std::thread t(work);
  t.detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 99
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 't' is used again
  if (t.joinable())
    work();
}

// A named thread declared outside the sleep's block is no temporary.
void named_elsewhere(bool slow) {
  std::thread t([] { parts[2] = compute(); });
  t.detach();
  if (slow) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 111
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: the work starts here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: 't' is not a local variable of the sleep's block
  }
  int total = parts[2];
  (void)total;
}
