// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++20
// A handler that swallowed the exception but skipped the completion signal
// would turn a crash into a hang: these are reported and not rewritten.
#include <future>
#include <latch>
#include <string>
#include <thread>

int parse(const std::string &s) { return std::stoi(s); }
void log_line(const std::string &s);

void signal_before_the_end(std::latch &done, const std::string &s) {
  std::thread([&done, s] {
    int v = parse(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'parse' may throw
    done.count_down();
    log_line(std::to_string(v));
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: completion is signalled here
    // CHECK-MESSAGES: :[[@LINE-5]]:13: note: not rewritten: the body signals completion before its end; a handler cannot tell whether that signal was made, and a waiter that misses it hangs
  }).detach();
}

void promise_set_on_one_branch(std::promise<int> &p, const std::string &s) {
  std::thread([&p, s] {
    if (s.empty()) {
      p.set_value(0);
      return;
    }
    p.set_value(parse(s));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'parse' may throw
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: completion is signalled here
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: not rewritten: the body signals completion before its end
  }).detach();
}

void signal_uses_a_body_local(std::latch &done, const std::string &s) {
  std::thread([&done, s] {
    std::ptrdiff_t n = parse(s) > 0 ? 1 : 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'parse' may throw
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: not rewritten: the completion signal uses 'n', declared in the body, which a handler cannot see
    done.count_down(n);
  }).detach();
}
