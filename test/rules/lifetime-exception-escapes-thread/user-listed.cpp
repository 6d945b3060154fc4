// RUN: %check_fix --pitfix-arg=--rules-dir=%S/Inputs %s lifetime-exception-escapes-thread %t -- -std=c++17
// A function the user lists in throwingFunctions counts, though its body is
// in another file; so does a call of a function that calls it.
#include <string>
#include <thread>

namespace app {
int parse_config(const std::string &text);
int load(const std::string &text) { return parse_config(text) + 1; }
} // namespace app

void listed(const std::string &text, int &out) {
  std::thread t([&] { out = app::parse_config(text); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'parse_config' is not declared noexcept, and nothing on the spawned thread catches it
  t.join();
}

void through_a_caller(const std::string &text, int &out) {
  std::thread t([&] { out = app::load(text); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'load' may throw
  t.join();
}
