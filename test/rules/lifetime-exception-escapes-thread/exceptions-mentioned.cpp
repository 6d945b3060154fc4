// RUN: %check_fix %s lifetime-exception-escapes-thread %t -- -std=c++17
// A comment, a string and code that only mention __cpp_exceptions or a
// *_NO_EXCEPTIONS name are no build without exceptions: unlike a
// preprocessor test of them, they do not stop the try/catch rewrite.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

// Built with exceptions; see APP_NO_EXCEPTIONS in the old build notes.
static const char *build_note = "__cpp_exceptions is required";

void parse_in_thread(const std::string &line, std::atomic<int> &out) {
  std::thread t([&line, &out] {
    out = std::stoi(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'stoi' is not declared noexcept, and nothing on the spawned thread catches it: an exception ends the process through std::terminate [lifetime-exception-escapes-thread]
  });
  t.join();
  std::puts(build_note);
}
