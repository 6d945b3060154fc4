// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++20
#include <atomic>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

int parse_positive(const std::string &s) {
  int v = std::stoi(s);
  if (v <= 0)
    throw std::out_of_range("not positive");
  return v;
}

void parse_in_thread(const std::string &line, std::atomic<int> &out) {
  std::thread t([&line, &out] {
    out = std::stoi(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'stoi' is not declared noexcept, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
  });
  t.join();
}

// A project function that throws, in a loop of threads.
void many(const std::vector<std::string> &lines, std::atomic<int> &sum) {
  std::vector<std::jthread> threads;
  for (const std::string &l : lines)
    threads.emplace_back([&sum, l] {
      int v = parse_positive(l);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'parse_positive' may throw, and nothing on the spawned thread catches it
      sum += v;
    });
}

// A throw in the body itself; the trailing signal stays after the handlers.
void throws_then_signals(std::latch &done, int n) {
  std::jthread t([&done, n] {
    if (n < 0)
      throw std::invalid_argument("negative");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a throw expression, and nothing on the spawned thread catches it
    done.count_down();
  });
}

// .at() checks its index.
void checked_index(const std::vector<int> &v, std::atomic<int> &out) {
  std::thread t([&] { out = v.at(3); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'at' is not declared noexcept
  t.join();
}

// A try that catches only some exceptions does not protect the call.
void partial_try(const std::string &s, std::atomic<int> &out) {
  std::thread t([&] {
    try {
      out = std::stoi(s);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'stoi' is not declared noexcept
    } catch (const std::invalid_argument &) {
      out = -1;
    }
  });
  t.join();
}
