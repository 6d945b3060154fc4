// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17 -fno-exceptions
// Exceptions are off in this build: a try/catch would not compile, so the
// finding is reported without a rewrite.
#include <atomic>
#include <string>
#include <thread>

void parse_in_thread(const std::string &line, std::atomic<int> &out) {
  std::thread t([&line, &out] {
    out = std::stoi(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: {{.*}} [lifetime-exception-escapes-thread]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: not rewritten: exceptions are off in this translation unit (-fno-exceptions); a try/catch would not compile
  });
  t.join();
}
