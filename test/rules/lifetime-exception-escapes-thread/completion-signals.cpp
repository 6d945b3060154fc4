// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++20
// The handler keeps the body's completion signal, so that a waiter is never
// left hanging: a promise gets the exception, a trailing latch or counter
// signal stays after the handlers.
#include <atomic>
#include <future>
#include <latch>
#include <string>
#include <thread>

int parse(const std::string &s) { return std::stoi(s); }

int with_promise(const std::string &s) {
  std::promise<int> result;
  std::future<int> f = result.get_future();
  std::thread t([&] {
    int v = parse(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'parse' may throw, and nothing on the spawned thread catches it
    result.set_value(v * 2);
  });
  t.detach();
  return f.get();
}

void promise_through_pointer(std::promise<int> *p, std::string s) {
  std::thread([p, s] { p->set_value(parse(s)); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'parse' may throw
}

void counter_waited_on(const std::string &s, std::atomic<int> &sum) {
  std::atomic<int> pending{1};
  std::thread t([&] {
    sum += parse(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'parse' may throw
    pending.fetch_sub(1);
  });
  t.detach();
  while (pending.load() > 0)
    std::this_thread::yield();
}
