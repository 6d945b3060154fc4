// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// RUN: %clangxx -fsyntax-only -std=c++17 -fno-exceptions %t.d/builds-without-exceptions.cpp
// The code is written to build without exceptions too (it tests
// __cpp_exceptions): a try/catch would break that build.
#include <atomic>
#include <string>
#include <thread>

#if defined(__cpp_exceptions)
#define APP_THROW(e) throw e
#else
#define APP_THROW(e) __builtin_abort()
#endif

void parse_in_thread(const std::string &line, std::atomic<int> &out) {
  std::thread t([&line, &out] {
    out = std::stoi(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: {{.*}} [lifetime-exception-escapes-thread]
    // CHECK-MESSAGES: builds-without-exceptions.cpp:9:13: note: '__cpp_exceptions' is tested here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: not rewritten: the code is written to build without exceptions too (it tests __cpp_exceptions); a try/catch would not compile there
  });
  t.join();
}
