// RUN: %check_fix %s ordering-double-completion %t -- -std=c++20
// One-shot completions done twice on one path: reported only.
#include <future>
#include <thread>

void work();
bool retry();

void join_twice() {
  std::thread t(work);
  t.join();
  if (retry())
    t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't.join()' runs when 't' was already joined: a thread that is no longer joinable makes join() and detach() throw std::system_error [ordering-double-completion]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 't' is joined here first
}

void detach_then_join() {
  std::thread t(work);
  t.detach();
  work();
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't.join()' runs when 't' was already detached
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 't' is detached here first
}

void join_then_detach(bool fast) {
  std::jthread t(work);
  if (fast)
    t.join();
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't.detach()' runs when 't' was already joined
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 't' is joined here first
}

void promise_twice(const int *values, int n) {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  for (int i = 0; i < n; ++i)
    if (values[i] < 0) {
      p.set_value(values[i]);
      break;
    }
  p.set_value(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p.set_value(0)' runs when 'p' was already satisfied: a promise that is already satisfied makes it throw std::future_error
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'p' is satisfied here first
}

struct Task {
  std::promise<void> done;
  void finish(bool failed) {
    if (failed)
      done.set_exception(std::make_exception_ptr(1));
    done.set_value();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'done.set_value()' runs when 'done' was already satisfied
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'done' is satisfied here first
  }
};

// In a spawned lambda.
void in_lambda() {
  std::promise<int> p;
  std::thread t([&p] {
    p.set_value(1);
    p.set_value(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(2)' runs when 'p' was already satisfied
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'p' is satisfied here first
  });
  t.join();
}
