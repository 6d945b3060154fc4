// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// A detached thread and a sleep that hopes it is done: joined instead.
#include <chrono>
#include <cstdio>
#include <thread>
#include <unistd.h>

int compute();

void detached_lambda() {
  int result = 0;
  std::thread t([&] { result = compute(); });
  t.detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(std::chrono::seconds(1))' waits a fixed time for the work started on line 12 in place of synchronising with it: under load the work is not as far as the sleep assumes [ordering-sleep-as-sync]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the work starts here
  std::printf("%d\n", result);
}

int shared_value;
void fill() { shared_value = compute(); }

void detached_function() {
  std::jthread worker(fill);
  worker.detach();
  std::printf("started\n");
  usleep(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep(1000)' waits a fixed time for the work started on line 24
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: the work starts here
  std::printf("%d\n", shared_value);
}
