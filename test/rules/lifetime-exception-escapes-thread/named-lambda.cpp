// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// The work is a lambda held in a local variable.
#include <string>
#include <thread>
#include <utility>

void only_spawned(const std::string &s, int &out) {
  auto work = [&] { out = std::stoi(s); };
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'stoi' is not declared noexcept
  std::thread t(std::move(work));
  t.join();
}

void also_called(const std::string &s, int &out) {
  auto work = [&] { out = std::stoi(s); };
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'stoi' is not declared noexcept
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: not rewritten: the lambda 'work' is also used other than as a thread's work; those uses may expect its exceptions
  std::thread t(work);
  t.join();
  work();
}
