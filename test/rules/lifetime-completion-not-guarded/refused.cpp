// RUN: %check_fix %s lifetime-completion-not-guarded %t -- -std=c++17
#include <future>
#include <thread>

int compute(int n);

// The value is computed in the body: a guard declared first cannot use it.
void result_declared_in_body(std::promise<int> &p, int n) {
  std::thread t([&p, n] {
    if (n < 0)
      return;
    int result = compute(n);
    p.set_value(result);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(result)' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: this return skips 'p.set_value(result)'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the signal uses 'result', declared in the body: a guard declared first cannot call it
  });
  t.join();
}

// Another value is set before the earlier return: one guard cannot make both.
void other_value_before_return(std::promise<int> &p, int n) {
  std::thread t([&p, n] {
    if (n == 0) {
      p.set_value(-1);
      return;
    }
    if (n < 0)
      return;
    p.set_value(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p.set_value(1)' is skipped when the spawned body returns early
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: this return skips 'p.set_value(1)'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: not rewritten: the signal is made with other arguments before an earlier return
  });
  t.join();
}

#define WORKER_BODY(p, n) { if ((n) < 0) return; (p).set_value(n); }
void in_macro(std::promise<int> &p, int n) {
  std::thread t([&p, n] WORKER_BODY(p, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: '(p).set_value(n)' is skipped when the spawned body returns early
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: this return skips
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: not rewritten: the code is inside a macro expansion
  t.join();
}
